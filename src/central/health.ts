import type { DataSource } from 'typeorm';
import { CentralCommandError, assertMigrated, withAdmin } from './commands';

/** One station's sync health as central sees it (`central.sync_status()`, schema/repeatable/dead-letters.sql.ts). */
export interface StationSyncStatus {
  stationId: string;
  /** Central's mark: every seq up to it is stored or dead-lettered. */
  centralMark: number;
  /** From the station's last heartbeat; null before the first. */
  localSeq: number | null;
  queueDepth: number | null;
  seenAt: string | null;
  appVersion: string | null;
  /** Events the station holds that central has not yet stored (heartbeat's local seq minus the mark), null without a heartbeat. */
  ingestLag: number | null;
  /** Ingested events the projector has not applied yet, and how old the oldest of them is. */
  unprojected: number;
  oldestUnprojectedAgeMs: number | null;
  deadLetters: { ingest: number; projection: number };
  oldestDeadLetterAgeMs: number | null;
}

export interface CentralSyncStatus {
  stations: StationSyncStatus[];
  projector: { txid: string; stationId: string; seq: number; projected: number; failed: number; updatedAt: string };
}

export type DeadLetterKind = 'ingest' | 'projection';

export interface DeadLetterRow {
  id: number;
  kind: DeadLetterKind;
  stationId: string;
  seq: number;
  type: string | null;
  sqlstate: string;
  error: string;
  at: string;
  status: 'open' | 'retried' | 'skipped';
}

const age = (at: Date | string | null, now: number): number | null => (at === null ? null : Math.max(0, now - new Date(at).getTime()));
const iso = (at: Date | string | null): string | null => (at === null ? null : new Date(at).toISOString());
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export async function readSyncStatus(ds: DataSource, now = Date.now()): Promise<CentralSyncStatus> {
  const rows = (await ds.query(`SELECT s.*, now() AS db_now FROM central.sync_status() s`)) as Array<Record<string, unknown>>;
  const [cur] = (await ds.query('SELECT txid::text AS txid, station_id, seq, projected, failed, updated_at FROM central.projector_cursor WHERE id = 1')) as
    Array<Record<string, unknown>>;
  const stations = rows.map((r): StationSyncStatus => {
    // ages by central's clock: the station's and this machine's may differ
    const at = r.db_now ? new Date(r.db_now as string).getTime() : now;
    const localSeq = num(r.local_seq);
    return {
      stationId: r.station_id as string, centralMark: Number(r.acked_seq), localSeq, queueDepth: num(r.queue_depth),
      seenAt: iso(r.seen_at as string | null), appVersion: (r.app_version as string | null) ?? null,
      ingestLag: localSeq === null ? null : Math.max(0, localSeq - Number(r.acked_seq)),
      unprojected: Number(r.unprojected), oldestUnprojectedAgeMs: age(r.oldest_unprojected as string | null, at),
      deadLetters: { ingest: Number(r.ingest_dead_letters), projection: Number(r.projection_dead_letters) },
      oldestDeadLetterAgeMs: age(r.oldest_dead_letter as string | null, at),
    };
  });
  return {
    stations,
    projector: { txid: String(cur?.txid ?? '0'), stationId: String(cur?.station_id ?? ''), seq: Number(cur?.seq ?? 0),
      projected: Number(cur?.projected ?? 0), failed: Number(cur?.failed ?? 0), updatedAt: iso((cur?.updated_at as string) ?? null) ?? '' },
  };
}

export async function listDeadLetters(ds: DataSource, opts: { station?: string; kind?: DeadLetterKind; all?: boolean } = {}): Promise<DeadLetterRow[]> {
  const rows = (await ds.query(`
    SELECT * FROM (
      SELECT id, 'ingest' AS kind, station_id, seq, type, sqlstate, error, received_at AS at, status FROM central.dead_letters
      UNION ALL
      SELECT id, 'projection', station_id, seq, type, sqlstate, error, at, status FROM central.projection_dead_letters) d
    WHERE ($1::text IS NULL OR d.station_id = $1) AND ($2::text IS NULL OR d.kind = $2) AND ($3 OR d.status = 'open')
    ORDER BY d.at, d.kind, d.id`, [opts.station ?? null, opts.kind ?? null, opts.all === true])) as Array<Record<string, unknown>>;
  return rows.map((r) => ({
    id: Number(r.id), kind: r.kind as DeadLetterKind, stationId: r.station_id as string, seq: Number(r.seq), type: (r.type as string | null) ?? null,
    sqlstate: r.sqlstate as string, error: r.error as string, at: iso(r.at as string)!, status: r.status as DeadLetterRow['status'],
  }));
}

/** The supervisor's errors in their words: unknown id, already done, no reason, not allowed. */
function explain(err: unknown): never {
  const e = err as { code?: string; message?: string };
  if (e.code && /^SG02\d$/.test(e.code)) throw new CentralCommandError(e.message ?? 'dead letter action refused', { cause: err });
  if (e.code === '42501') {
    throw new CentralCommandError('this connection may not retry or skip dead letters: use the admin URL (a station role may not)', { cause: err });
  }
  throw err;
}

export async function retryDeadLetter(ds: DataSource, kind: DeadLetterKind, id: number, reason: string):
  Promise<{ stationId: string; seq: number; status: 'retried' | 'open'; error: string | null }> {
  try {
    const [r] = (await ds.query('SELECT station_id, seq, status, error FROM central.retry_dead_letter($1, $2, $3)', [kind, id, reason])) as
      Array<{ station_id: string; seq: string; status: 'retried' | 'open'; error: string | null }>;
    return { stationId: r!.station_id, seq: Number(r!.seq), status: r!.status, error: r!.error };
  } catch (err) {
    return explain(err);
  }
}

export async function skipDeadLetter(ds: DataSource, kind: DeadLetterKind, id: number, reason: string): Promise<{ stationId: string; seq: number }> {
  try {
    const [r] = (await ds.query('SELECT station_id, seq FROM central.skip_dead_letter($1, $2, $3)', [kind, id, reason])) as
      Array<{ station_id: string; seq: string }>;
    return { stationId: r!.station_id, seq: Number(r!.seq) };
  } catch (err) {
    return explain(err);
  }
}

const ageText = (ms: number | null): string => {
  if (ms === null) return '-';
  const s = Math.round(ms / 1000);
  return s < 120 ? `${s} s` : s < 7200 ? `${Math.round(s / 60)} min` : `${Math.round(s / 3600)} h`;
};

export function formatSyncStatus(st: CentralSyncStatus): string {
  const lines = st.stations.map((s) => [
    s.stationId.padEnd(16),
    `mark ${s.centralMark}`,
    `local ${s.localSeq ?? '?'}`,
    `queue ${s.queueDepth ?? '?'}`,
    `ingest lag ${s.ingestLag ?? '?'}`,
    `unprojected ${s.unprojected}${s.unprojected ? ` (oldest ${ageText(s.oldestUnprojectedAgeMs)})` : ''}`,
    `dead letters ingest ${s.deadLetters.ingest} projection ${s.deadLetters.projection}`
      + (s.deadLetters.ingest + s.deadLetters.projection ? ` (oldest ${ageText(s.oldestDeadLetterAgeMs)})` : ''),
  ].join('  '));
  const p = st.projector;
  lines.push(`projector cursor: txid ${p.txid}, station ${p.stationId || '-'} seq ${p.seq}; ${p.projected} projected, ${p.failed} failed; moved ${p.updatedAt}`);
  return lines.join('\n');
}

export function formatDeadLetters(rows: DeadLetterRow[]): string {
  if (rows.length === 0) return 'no dead letters';
  return rows.map((r) => `${r.kind.padEnd(10)} #${r.id}  ${r.stationId} seq ${r.seq}  ${r.type ?? '?'}  ${r.status}  ${r.at}  ${r.sqlstate}: ${r.error}`)
    .join('\n');
}

/** `station central status`: per station, and the projector's cursor. */
export function centralStatus(url: string, json: boolean): Promise<{ text: string }> {
  return withAdmin(url, async (ds) => {
    await assertMigrated(ds);
    const st = await readSyncStatus(ds);
    return { text: json ? JSON.stringify(st, null, 2) : formatSyncStatus(st) };
  });
}

export type DeadLetterCommand =
  | { action: 'list'; station?: string; kind?: DeadLetterKind; all?: boolean; json?: boolean }
  | { action: 'retry' | 'skip'; kind: DeadLetterKind; id: number; reason: string };

/** `station central deadletters list|retry|skip`. */
export function deadLettersCommand(url: string, cmd: DeadLetterCommand): Promise<{ text: string }> {
  return withAdmin(url, async (ds) => {
    await assertMigrated(ds);
    if (cmd.action === 'list') {
      const rows = await listDeadLetters(ds, cmd);
      return { text: cmd.json ? JSON.stringify(rows, null, 2) : formatDeadLetters(rows) };
    }
    if (cmd.action === 'skip') {
      const r = await skipDeadLetter(ds, cmd.kind, cmd.id, cmd.reason);
      return { text: `${cmd.kind} dead letter ${cmd.id} (station ${r.stationId}, seq ${r.seq}) skipped` };
    }
    const r = await retryDeadLetter(ds, cmd.kind, cmd.id, cmd.reason);
    if (r.status === 'open') throw new CentralCommandError(`${cmd.kind} dead letter ${cmd.id} (station ${r.stationId}, seq ${r.seq}) failed again and stays open: ${r.error}`);
    return { text: `${cmd.kind} dead letter ${cmd.id} (station ${r.stationId}, seq ${r.seq}) retried: ${cmd.kind === 'ingest' ? 'stored, the projector takes it next' : 'projected'}` };
  });
}
