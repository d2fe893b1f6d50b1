import type { Command, OptionValues } from '../command';
import { UsageError } from '../command';
import { CENTRAL_OPTION, centralUrl, runCentralCommand } from '../central-flags';

const USAGE = 'usage: station central project --central URL [--once] [--batch N]\n'
  + '       station central status --central URL [--json]\n'
  + '       station central deadletters list --central URL [--station S] [--kind ingest|projection] [--all] [--json]\n'
  + '       station central deadletters retry|skip --central URL --id N --kind ingest|projection --reason TEXT';

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function kindOf(values: OptionValues, required: boolean): 'ingest' | 'projection' | undefined {
  const kind = str(values.kind);
  if (kind === undefined) {
    if (required) throw new UsageError('--kind is required: ingest or projection');
    return undefined;
  }
  if (kind !== 'ingest' && kind !== 'projection') throw new UsageError('--kind: ingest or projection');
  return kind;
}

/**
 * `station central project|status|deadletters`: central jobs with the admin URL (docs/central.md).
 * - `project`: the central projector as a loop, for sites that want one besides the stations'
 *   cooperative steps. Admin URL, or any station's. Stops on SIGINT/SIGTERM after the step in hand;
 *   `--once` stops when nothing is left.
 * - `status`: per station central's mark, the station's local seq and queue depth (heartbeat), ingest
 *   lag, projection lag and open dead letters; and the projector's cursor.
 * - `deadletters list|retry|skip`: the quarantined events; a retry or skip needs a reason and is audited.
 */
export const central: Command = {
  name: 'central',
  summary: 'central jobs: "project" runs the projector; "status" shows sync health; "deadletters" lists, retries or skips quarantined events',
  usage: 'project|status|deadletters … --central URL (see --help)',
  options: {
    ...CENTRAL_OPTION, once: { type: 'boolean' }, batch: { type: 'string' }, json: { type: 'boolean' },
    station: { type: 'string' }, kind: { type: 'string' }, all: { type: 'boolean' }, id: { type: 'string' }, reason: { type: 'string' },
  },
  async run(values, positionals) {
    const [sub, action, ...rest] = positionals;
    if (sub === 'status' && positionals.length === 1) {
      const url = centralUrl(values);
      const { centralStatus } = await import('../../../src/central/health');
      return runCentralCommand(url, () => centralStatus(url, values.json === true));
    }
    if (sub === 'deadletters' && rest.length === 0 && (action === 'list' || action === 'retry' || action === 'skip')) {
      const url = centralUrl(values);
      const { deadLettersCommand } = await import('../../../src/central/health');
      if (action === 'list') {
        return runCentralCommand(url, () => deadLettersCommand(url, { action, station: str(values.station), kind: kindOf(values, false),
          all: values.all === true, json: values.json === true }));
      }
      const id = Number(str(values.id));
      if (!Number.isSafeInteger(id) || id < 1) throw new UsageError('--id N is required: the dead letter\'s id (see "station central deadletters list")');
      const kind = kindOf(values, true)!;
      const reason = str(values.reason)?.trim();
      if (!reason) throw new UsageError(`--reason TEXT is required: why this event is ${action === 'retry' ? 'retried' : 'skipped'} (it is audited)`);
      return runCentralCommand(url, () => deadLettersCommand(url, { action, kind, id, reason }));
    }
    if (sub !== 'project' || positionals.length !== 1) throw new UsageError(USAGE);
    const url = centralUrl(values);
    const limit = values.batch === undefined ? undefined : Number(values.batch);
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 100_000)) throw new UsageError('--batch: a whole number from 1 to 100000');
    const { projectCentral } = await import('../../../src/central/projector');
    const stop = new AbortController();
    const onSignal = () => stop.abort();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    try {
      return await runCentralCommand(url, () => projectCentral(url, {
        once: values.once === true, limit, signal: stop.signal,
        onStep: (r) => {
          if (r.failed > 0) process.stderr.write(`station: ${r.failed} events could not be projected (see "station central deadletters list")\n`);
        },
        onError: (message) => process.stderr.write(`station: projector step failed, retrying: ${message}\n`),
      }));
    } finally {
      process.removeListener('SIGINT', onSignal);
      process.removeListener('SIGTERM', onSignal);
    }
  },
};
