import { UsageError, type Command, type OptionValues } from '../command';
import { CENTRAL_OPTION, centralUrl, runCentralCommand } from '../central-flags';

/**
 * `station provision --central URL --station ID [--pooled]`: creates (or re-keys) the station's own
 * Postgres role and prints its connection URL, password included, this once: it is what the command
 * is for. `--pooled` issues the station a token for the fleet's shared login instead, and
 * `--fleet-login [NAME]` creates (or re-keys) that shared login.
 */
export const provision: Command = {
  name: 'provision',
  summary: 'create or re-key a station\'s central login (own role, or a token for the pooled fleet login) and print it once',
  usage: '--central URL (--station ID [--pooled] | --fleet-login) [--login-name NAME]',
  options: { ...CENTRAL_OPTION, station: { type: 'string' }, pooled: { type: 'boolean' }, 'fleet-login': { type: 'boolean' }, 'login-name': { type: 'string' } },
  async run(values) {
    const url = centralUrl(values);
    const fleetLogin = loginName(values);
    const { provisionFleetLogin, provisionStation } = await import('../../../src/central/provision');
    if (values['fleet-login'] === true) {
      if (values.station !== undefined) throw new UsageError('--fleet-login creates the shared login: leave out --station');
      return runCentralCommand(url, () => provisionFleetLogin(url, { fleetLogin }));
    }
    if (typeof values.station !== 'string' || values.station === '') {
      throw new UsageError('--station ID is required (the station\'s stationId), or --fleet-login for the pooled fleet\'s shared login');
    }
    const stationId = values.station;
    return runCentralCommand(url, () => provisionStation(url, stationId, { pooled: values.pooled === true, fleetLogin }));
  },
};

function loginName(values: OptionValues): string | undefined {
  const name = values['login-name'];
  if (name === undefined) return undefined;
  if (typeof name !== 'string' || name === '') throw new UsageError('--login-name NAME: the name of the fleet\'s shared login role');
  return name;
}
