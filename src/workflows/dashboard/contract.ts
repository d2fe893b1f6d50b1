import { z } from 'zod';
import { defineContract } from '../../api/contract';

const Iso = z.string().datetime({ offset: true });
const Count = z.number().int().nonnegative();
/** Device-time hours starting in [from, to), at most a week (the window bounds every read). */
const Window = z.object({ from: Iso, to: Iso }).strict()
  .refine((w) => Date.parse(w.from) < Date.parse(w.to), 'from must be before to')
  .refine((w) => Date.parse(w.to) - Date.parse(w.from) <= 7 * 24 * 3_600_000, 'the window is at most 7 days');
const Rate = z.number().nonnegative().nullable();

/** One packer's figures, ranked by the complexity-adjusted rate (the same formula as central.packer_kpis). */
export const PackerKpi = z.object({
  userId: z.string(),
  name: z.string().nullable(),
  activeHours: Count,
  scans: Count,
  ratePerHour: z.number().nonnegative(),
  /** refused / (scans + refused). */
  misscanRate: Rate,
  overrides: Count,
  voids: Count,
  reversals: Count,
  containersClosed: Count,
  avgChildren: Rate,
  mixedShare: Rate,
  manifestLines: Count,
  /** C(user) / C(floor): 1 is average work, above 1 harder. */
  complexity: z.number().nonnegative(),
  adjustedRate: z.number().nonnegative(),
});
export type PackerKpi = z.infer<typeof PackerKpi>;

export const HourFigures = z.object({
  /** The hour's start (UTC, ISO). */
  hour: Iso,
  /** The operator (null: nobody signed in), or for central's rows the station (null: the floor). */
  key: z.string().nullable(),
  scans: Count,
  refused: Count,
  containersClosed: Count,
  overrides: Count,
  voids: Count,
});
export type HourFigures = z.infer<typeof HourFigures>;

export const Totals = z.object({
  scans: Count, refused: Count, containersClosed: Count, overrides: Count, voids: Count,
  /** refused / (scans + refused); overrides / (scans + refused); voids / (closed + voids). Null when there is nothing to divide by. */
  errorRate: Rate, overrideRate: Rate, voidRate: Rate,
});
export type Totals = z.infer<typeof Totals>;

export const OpenNow = z.object({ count: Count, oldestOpenedAt: Iso.nullable(), unbilled: Count });
export type OpenNow = z.infer<typeof OpenNow>;

/** This station's figures from its own store. */
export const StationFigures = z.object({
  stationId: z.string(),
  at: Iso,
  from: Iso,
  to: Iso,
  /** Per hour and operator, by hour then operator. */
  hours: z.array(HourFigures),
  totals: Totals,
  /** Open containers (and bags) now, and the containers closed in the window that are on no bill here. */
  now: OpenNow,
  /** Events committed here that central has not acknowledged, and the oldest one's device time. */
  backlog: z.object({ unsent: Count, oldestUnsentAt: Iso.nullable() }),
  packers: z.array(PackerKpi),
});
export type StationFigures = z.infer<typeof StationFigures>;

export const StationReplication = z.object({
  station: z.string(), lastIngestAt: Iso.nullable(), mark: Count, localSeq: Count.nullable(), seenAt: Iso.nullable(),
  /** Heartbeat's local seq minus the mark: what the station had not sent at its last heartbeat. */
  backlog: Count.nullable(),
  unprojected: Count, oldestUnprojectedAt: Iso.nullable(), deadLetters: Count,
});
export type StationReplication = z.infer<typeof StationReplication>;

/** Floor-wide figures from central, or why there are none (the screen then shows this station's own). */
export const FloorFigures = z.discriminatedUnion('reachable', [
  z.object({
    reachable: z.literal(true),
    at: Iso,
    /** Per station and hour; `key` null is the floor's total. */
    hours: z.array(HourFigures),
    totals: Totals,
    now: OpenNow,
    perStation: z.array(OpenNow.extend({ station: z.string() })),
    packers: z.array(PackerKpi),
    replication: z.array(StationReplication),
  }),
  z.object({ reachable: z.literal(false), at: Iso, reason: z.string() }),
]);
export type FloorFigures = z.infer<typeof FloorFigures>;

/** The supervisor's dashboard (read only: no events, no slice). */
export const dashboardContract = defineContract({
  id: 'dashboard',
  events: {},
  queries: {
    'dashboard.figures': { payload: Window, result: StationFigures, permission: 'dashboard.view', label: 'read the dashboard' },
    'dashboard.floor': { payload: Window, result: FloorFigures, permission: 'dashboard.view', label: 'read the floor-wide dashboard' },
  },
});
