import type { Command } from '../command';
import { UsageError } from '../command';
import { CENTRAL_OPTION, centralUrl, runCentralCommand } from '../central-flags';

/**
 * `station central project --central URL [--once] [--batch N]`: the central projector as a loop, for
 * sites that want one besides the stations' cooperative steps (docs/central.md). Admin URL, or any
 * station's. Stops on SIGINT/SIGTERM after the step in hand; `--once` stops when nothing is left.
 */
export const central: Command = {
  name: 'central',
  summary: 'central jobs: "project" runs the projector (applies ingested events to the projections, in central order)',
  usage: 'project --central URL [--once] [--batch N]',
  options: { ...CENTRAL_OPTION, once: { type: 'boolean' }, batch: { type: 'string' } },
  async run(values, positionals) {
    if (positionals[0] !== 'project' || positionals.length !== 1) throw new UsageError('usage: station central project --central URL [--once] [--batch N]');
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
          if (r.failed > 0) process.stderr.write(`station: ${r.failed} events could not be projected (see central.projection_dead_letters)\n`);
        },
        onError: (message) => process.stderr.write(`station: projector step failed, retrying: ${message}\n`),
      }));
    } finally {
      process.removeListener('SIGINT', onSignal);
      process.removeListener('SIGTERM', onSignal);
    }
  },
};
