import type { ScanResult } from '../../../src/api';
import { createLogger } from '../../../src/log/logger';
import { EXIT, UsageError, type Command, type OptionValues } from '../command';
import { CONFIG_OPTIONS, CONFIG_USAGE, configFromFlags } from '../config-flags';
import { writeLine } from '../stdout-lines';

function parseSpeed(raw: OptionValues[string]): number {
  if (raw === undefined) return Infinity;
  const speed = Number(raw);
  if (typeof raw !== 'string' || raw.trim() === '' || !Number.isFinite(speed) || speed < 0) {
    throw new UsageError(`--speed: expected a number ≥ 0 (1 = as captured, 2 = twice as fast, 0 = as fast as possible), got "${String(raw)}"`);
  }
  return speed === 0 ? Infinity : speed;
}

/**
 * `station replay FILE`: feeds a capture through the real pipeline and prints what the station
 * decided, one JSON line per scan. By default into a scratch database that is removed afterwards.
 */
export const replay: Command = {
  name: 'replay',
  summary: 'feed a capture file through the real pipeline; one JSON line per result (scratch database unless --into-station)',
  usage: `FILE [--speed N] [--into-station] ${CONFIG_USAGE}`,
  options: { ...CONFIG_OPTIONS, speed: { type: 'string', short: 's' }, 'into-station': { type: 'boolean' } },
  async run(values, positionals) {
    const [file, ...extra] = positionals;
    if (!file || extra.length > 0) throw new UsageError('expected exactly one capture FILE');
    const speed = parseSpeed(values.speed);
    const config = configFromFlags(values);
    const intoStation = values['into-station'] === true;
    // Into the station: its own log folder, so the replayed scans' correlation ids are on record.
    const logger = createLogger({ level: config.log.level, dir: intoStation ? config.log.dir : undefined });
    const { replayCapture } = await import('../../../native/capture/replay-command');
    const printing: Promise<void>[] = [];
    try {
      const report = await replayCapture({
        file, config, logger, speed, database: intoStation ? 'station' : 'scratch',
        onResult: (result: ScanResult) => { printing.push(writeLine(JSON.stringify(result))); },
      });
      await Promise.all(printing);
      for (const error of report.lineErrors) process.stderr.write(`station: skipped ${error.message}\n`);
      const { delivered, rejected } = report.summary;
      const where = intoStation ? `into ${report.databaseFile}` : 'into a scratch database (removed)';
      process.stderr.write(`replayed ${delivered} scans and ${rejected} refused frames from ${file} ${where}; ${report.lineErrors.length} unreadable lines\n`);
      return EXIT.ok;
    } catch (err) {
      process.stderr.write(`station: ${describeFailure(file, err)}\n`);
      return EXIT.failed;
    } finally {
      logger.end();
    }
  },
};

function describeFailure(file: string, err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return `capture file not found: ${file}`;
  if (code === 'EACCES' || code === 'EPERM') return `capture file not readable (permission denied): ${file}`;
  if (code === 'EISDIR') return `${file} is a folder, expected a capture file (JSON lines)`;
  return `cannot replay ${file}: ${(err as Error).message ?? String(err)}`;
}
