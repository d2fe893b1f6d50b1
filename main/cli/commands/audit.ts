import fs from 'node:fs';
import type { BrokenLink, ChainVerdict } from '../../../src/store/hash-chain';
import { databaseFile } from '../../../src/store';
import { AuditReadError, verifyLocalChainFile } from '../../../src/store/audit-reader';
import { redactUrl, STATION_ID } from '../../../src/central/roles';
import { EXIT, UsageError, type Command } from '../command';
import { centralUrl } from '../central-flags';
import { CONFIG_OPTIONS, CONFIG_USAGE, configFromFlags } from '../config-flags';

/** One verified chain, as printed (and as `--json` gives it). */
interface ChainReport extends ChainVerdict {
  source: 'local' | 'central';
  stationId: string;
  /** The database file, or the central URL without its password. */
  where: string;
  /** central: its mark (the copy holds seqs up to it); local: the mark central last acknowledged. */
  mark: number;
  note: string | null;
}

const KIND: Record<BrokenLink['kind'], string> = {
  hash: 'the event is not what was recorded (its content or fields changed)',
  prev_hash: 'the event does not follow the one before it (events were removed, inserted or re-chained)',
  missing: 'seqs skip here (an event was deleted)',
};

function print(r: ChainReport): void {
  const out: string[] = [];
  const head = `head seq ${r.lastSeq} ${r.head}`;
  const upTo = r.source === 'central' ? ` up to central's mark ${r.mark}` : '';
  if (!r.broken) {
    out.push(`${r.source} ${r.stationId} (${r.where}): intact, ${r.checked} events${upTo}; ${head}`);
  } else {
    const b = r.broken;
    out.push(`${r.source} ${r.stationId} (${r.where}): BROKEN at station ${b.stationId} seq ${b.seq}: ${b.kind}: ${KIND[b.kind]}`,
      `  expected ${b.expected}`, `  found    ${b.found}`, `  intact before it: ${r.checked} events; ${head}`);
  }
  if (r.note) out.push(`  note: ${r.note}`);
  process.stdout.write(`${out.join('\n')}\n`);
}

/**
 * `station audit verify`: recomputes the hash chain of the local event log (read-only) and, with
 * `--central`, of central's copy of this station (or `--station`). Prints each chain's head and the
 * first broken link. Exit 0 intact, 1 broken, 2 bad usage or nothing to read (no database, central
 * unreachable or refusing). Never prints the URL's password.
 */
export const audit: Command = {
  name: 'audit',
  summary: 'verify the audit hash chain of the local event log and, with --central, central\'s copy; exit 0 intact, 1 broken',
  usage: `verify ${CONFIG_USAGE} [--central URL] [--station ID] [--json]`,
  options: { ...CONFIG_OPTIONS, central: { type: 'string' }, station: { type: 'string' }, json: { type: 'boolean' } },
  async run(values, positionals) {
    const [sub, ...extra] = positionals;
    if (sub !== 'verify' || extra.length > 0) throw new UsageError('expected: station audit verify [--central URL] [--station ID] [--json]');
    const url = values.central === undefined ? null : centralUrl(values);
    const station = values.station;
    if (station !== undefined && (typeof station !== 'string' || !STATION_ID.test(station))) {
      throw new UsageError(`--station: "${String(station)}" is not a station id (lower-case letters, digits, _ and -)`);
    }
    if (station !== undefined && !url) throw new UsageError('--station names whose central copy to verify: it needs --central URL');
    const config = configFromFlags(values);
    const json = values.json === true;
    const reports: ChainReport[] = [];
    const fail = (message: string) => {
      process.stderr.write(`station: ${message}\n`);
      return EXIT.usage;
    };

    const file = databaseFile(config.dataDir);
    // From an admin's machine (a station's copy named by --station, no station database here) only central is read.
    const skipLocal = !fs.existsSync(file) && url !== null && station !== undefined;
    if (skipLocal && !json) process.stdout.write(`local: skipped (no station database at ${file}; --station reads central's copy only)\n`);
    if (!skipLocal) {
      try {
        const v = verifyLocalChainFile(file, config.stationId);
        reports.push({ source: 'local', stationId: config.stationId, where: file, ...v, mark: v.ackedSeq, note: null });
      } catch (err) {
        if (err instanceof AuditReadError) return fail(err.message);
        throw err;
      }
      if (!json) print(reports.at(-1)!);
    }

    if (url) {
      const stationId = station ?? config.stationId;
      const { CentralAuditError, verifyCentralChainAt } = await import('../../../src/central/audit');
      try {
        const v = await verifyCentralChainAt(url, stationId, { timeouts: { stationToken: config.central?.stationToken } });
        const note = v.deadLetter
          ? `central dead-lettered seq ${v.deadLetter.seq} (${v.deadLetter.sqlstate}: ${v.deadLetter.error}): it is in central.dead_letters, not in its copy of the chain`
          : null;
        reports.push({ source: 'central', where: redactUrl(url), ...v, note });
      } catch (err) {
        if (err instanceof CentralAuditError) return fail(err.message);
        throw err;
      }
      if (!json) print(reports.at(-1)!);
    }

    const intact = reports.every((r) => r.broken === null);
    if (json) {
      const chains = reports.map(({ source, stationId, where, checked, lastSeq, head, mark, broken, note }) =>
        ({ source, stationId, where, checked, lastSeq, head, mark, broken, note }));
      process.stdout.write(`${JSON.stringify({ intact, chains }, null, 2)}\n`);
    } else {
      process.stdout.write(intact ? 'audit chain intact\n' : 'audit chain BROKEN\n');
    }
    return intact ? EXIT.ok : EXIT.failed;
  },
};
