import type { Pool } from 'pg';
import type { CentralDashboard } from '../core/central-port';
import { inTransaction, type Timeouts } from './transaction';

/** Central's answer must be quick: the kiosk falls back to its own figures after 1.5 s anyway. */
export const DASHBOARD_STATEMENT_TIMEOUT_MS = 1_500;

type Row = Record<string, unknown>;
const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const opt = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const iso = (v: unknown): string | null => (v === null || v === undefined ? null : new Date(v as string | Date).toISOString());

/**
 * The supervisor screen's floor-wide figures: central's statistics reads (migration 1730000000016)
 * and every station's replication (1730000000017), in one short read-only transaction as this station.
 */
export async function readFloorDashboard(pool: Pool, timeouts: Timeouts, from: string, to: string): Promise<CentralDashboard> {
  return inTransaction(pool, { ...timeouts, statementTimeoutMs: Math.min(timeouts.statementTimeoutMs, DASHBOARD_STATEMENT_TIMEOUT_MS) }, async (c) => {
    const hours = await c.query<Row>('SELECT * FROM central.dashboard($1, $2)', [from, to]);
    const now = await c.query<Row>('SELECT * FROM central.dashboard_now()');
    const packers = await c.query<Row>('SELECT * FROM central.packer_kpis($1, $2)', [from, to]);
    const stations = await c.query<Row>('SELECT * FROM central.floor_replication()');
    return {
      hours: hours.rows.map((r) => ({ station: (r.station as string | null) ?? null, hour: iso(r.hour)!, packers: num(r.packers), scans: num(r.scans), refused: num(r.refused),
        containersClosed: num(r.containers_closed), overrides: num(r.overrides), voids: num(r.voids) })),
      now: now.rows.map((r) => ({ station: (r.station as string | null) ?? null, openContainers: num(r.open_containers), oldestOpenAt: iso(r.oldest_open_at), unbilled: num(r.unbilled) })),
      packers: packers.rows.map((r) => ({ userId: r.user_id as string, activeHours: num(r.active_hours), scans: num(r.scans), ratePerHour: num(r.rate_per_hour),
        misscanRate: opt(r.misscan_rate), overrides: num(r.overrides), voids: num(r.voids), reversals: num(r.reversals), containersClosed: num(r.containers_closed),
        avgChildren: opt(r.avg_children), mixedShare: opt(r.mixed_share), manifestLines: num(r.manifest_lines), complexity: num(r.complexity), adjustedRate: num(r.adjusted_rate) })),
      stations: stations.rows.map((r) => ({ station: r.station as string, lastIngestAt: iso(r.last_ingest_at), mark: num(r.mark), localSeq: opt(r.local_seq), seenAt: iso(r.seen_at),
        unprojected: num(r.unprojected), oldestUnprojectedAt: iso(r.oldest_unprojected), deadLetters: num(r.dead_letters) })),
    };
  });
}
