import type { Pool } from 'pg';
import type Database from 'better-sqlite3';
import {
  applyReferencePage, getCheckpoint, lastRejectionId, REFERENCE_SOURCES, saveRejections,
  type ReceivedRejection, type ReferenceSource, type RefRow,
} from '../store/reference-cache';
import { inTransaction, type Timeouts } from './transaction';

const PAGE = 1000;
// microseconds kept as text: a JS Date would round them off and the (updated_at, id) checkpoint would slip
const TS = `to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

// `table`: where a source's name is not its table's
const SELECTS: Record<ReferenceSource, { key: string; columns: string; table?: string }> = {
  users: { key: 'id', columns: `id, name, role, badge, active, pin_hash AS "pinHash"` },
  code_rules: { key: 'id', columns: `id, rule::text AS rule, active` },
  bags: { key: 'code', columns: `code, status, capacity, link_count AS "linkCount"` },
  bills: {
    key: 'id',
    columns: `id, number, status, opened_station AS "openedStation", opened_by AS "openedBy", finalised_by AS "finalisedBy",
      dispatched_by AS "dispatchedBy", count, measured_grams::float8 AS "measuredGrams", estimated_grams::float8 AS "estimatedGrams",
      total_grams::float8 AS "totalGrams", printed, containers::text AS containers`,
  },
  container_types: { key: 'id', columns: `id, definition::text AS definition, active` },
  // float8: a JS number (exact far beyond any stock count), where int8 would come as a string
  stock: { table: 'warehouse_inventory', key: 'id', columns: `warehouse, product, quantity::float8 AS quantity` },
  manifests: { key: 'id', columns: `id, reference, warehouse, direction, lines::text AS lines, status` },
};

function pageSql(source: ReferenceSource): string {
  const { key, columns, table = source } = SELECTS[source];
  // rows younger than the settle time wait: an older transaction may still commit rows before them
  return `SELECT ${columns}, ${TS} AS "updatedAt", ${key}::text AS "pageKey" FROM central.${table}
    WHERE (updated_at, ${key}) > ($1::timestamptz, $2) AND updated_at < now() - make_interval(secs => $3::float8 / 1000)
    ORDER BY updated_at, ${key} LIMIT ${PAGE}`;
}

export interface PullOptions extends Timeouts {
  settleMs: number;
}

/** Pulls every reference source from its checkpoint until caught up. Returns the number of rows stored. */
export async function pullReference(pool: Pool, db: Database.Database, options: PullOptions): Promise<number> {
  let total = 0;
  for (const source of REFERENCE_SOURCES) {
    for (;;) {
      const cp = getCheckpoint(db, source) ?? { updatedAt: '-infinity', lastId: '' };
      const rows = await inTransaction(pool, options, async (c) =>
        (await c.query(pageSql(source), [cp.updatedAt, cp.lastId, options.settleMs])).rows as Array<RefRow<ReferenceSource> & { pageKey: string }>);
      const last = rows.at(-1);
      const page = rows.map(({ pageKey: _k, ...row }) => row) as Array<RefRow<typeof source>>;
      applyReferencePage(db, source, page, last ? { updatedAt: last.updatedAt, lastId: last.pageKey } : cp);
      total += rows.length;
      if (rows.length < PAGE) break;
    }
  }
  return total;
}

/** Pulls this station's rejections (row-level security shows it only its own) after the last one it holds. */
export async function pullRejections(pool: Pool, db: Database.Database, stationId: string, timeouts: Timeouts): Promise<number> {
  let total = 0;
  for (;;) {
    const after = lastRejectionId(db);
    const rows = await inTransaction(pool, timeouts, async (c) => (await c.query(`SELECT id::int8 AS "centralId", seq::int8 AS seq,
        event_id::text AS "eventId", type, reason, detail, winner_station AS "winnerStation", winner_seq AS "winnerSeq",
        created_at AS "createdAt" FROM central.rejections WHERE station_id = $1 AND id > $2 ORDER BY id LIMIT ${PAGE}`,
      [stationId, after])).rows as Array<Record<string, unknown>>);
    saveRejections(db, rows.map((r): ReceivedRejection => ({
      centralId: Number(r.centralId), seq: Number(r.seq), eventId: String(r.eventId), type: String(r.type),
      reason: String(r.reason), detail: String(r.detail), winnerStation: (r.winnerStation as string | null) ?? null,
      winnerSeq: r.winnerSeq === null ? null : Number(r.winnerSeq), createdAt: (r.createdAt as Date).toISOString(),
    })));
    total += rows.length;
    if (rows.length < PAGE) return total;
  }
}
