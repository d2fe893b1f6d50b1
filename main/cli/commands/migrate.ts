import type { Command } from '../command';
import { CENTRAL_OPTION, centralUrl, runCentralCommand } from '../central-flags';

/** `station migrate --central URL`: applies the central schema migrations with an admin connection. */
export const migrate: Command = {
  name: 'migrate',
  summary: 'apply the central PostgreSQL schema migrations (admin URL; kiosks never run DDL)',
  usage: '--central URL',
  options: { ...CENTRAL_OPTION },
  async run(values) {
    const url = centralUrl(values);
    // Loaded here: TypeORM is heavy and only these two commands need it.
    const { migrateCentral } = await import('../../../src/central/commands');
    return runCentralCommand(url, () => migrateCentral(url));
  },
};
