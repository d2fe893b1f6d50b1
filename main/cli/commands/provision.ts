import { UsageError, type Command } from '../command';
import { CENTRAL_OPTION, centralUrl, runCentralCommand } from '../central-flags';

/**
 * `station provision --central URL --station ID`: creates (or re-keys) the station's own Postgres
 * role and prints its connection URL, password included, this once: it is what the command is for.
 */
export const provision: Command = {
  name: 'provision',
  summary: 'create or re-key a station\'s central login role and print its connection settings once',
  usage: '--central URL --station ID',
  options: { ...CENTRAL_OPTION, station: { type: 'string' } },
  async run(values) {
    const url = centralUrl(values);
    if (typeof values.station !== 'string' || values.station === '') throw new UsageError('--station ID is required (the station\'s stationId)');
    const stationId = values.station;
    const { provisionStation } = await import('../../../src/central/commands');
    return runCentralCommand(url, () => provisionStation(url, stationId));
  },
};
