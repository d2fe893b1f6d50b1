import { z } from 'zod';
import { defineContract } from '../../api/contract';
import { ScanResult } from '../../api/scan';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
const ShiftId = z.string().min(1).max(32);
const Reason = z.string().trim().min(3, 'a reason needs at least 3 characters').max(500);
const Count = z.number().int().nonnegative();
const Seq = z.number().int().positive();
/** A user's name from the user view; their id where the station does not know them; null: nobody signed in. */
const Who = z.string().nullable();

export const EodQuery = z.object({ date: Day, shift: ShiftId.optional() }).strict();
export type EodQuery = z.output<typeof EodQuery>;

/** What is not at central yet. Null in `eod.closed` when nothing was (or no central is configured). */
export const Unsynced = z.object({
  /** Events central has not acknowledged, and how old the oldest is by the station clock. */
  notAtCentral: Count,
  oldestAt: z.string().nullable(),
  oldestAgeMs: z.number().nonnegative().nullable(),
  /** This station's events central set aside; null while central has not said (never reached). */
  quarantined: Count.nullable(),
  /** Rejections central sent back that no supervisor has marked seen. */
  unseenRejections: Count,
});
export type Unsynced = z.infer<typeof Unsynced>;

export const ClockJump = z.object({
  /** The later of the two consecutive events: the clock moved between `prevSeq` and `seq`. */
  seq: Seq,
  prevSeq: Seq,
  at: z.string(),
  prevAt: z.string(),
  /** Negative: the clock went back. */
  deltaMs: z.number(),
});

export const EodSummary = z.object({
  stationId: z.string(),
  date: Day,
  /** Null: the whole day. */
  shift: z.string().nullable(),
  timeZone: z.string(),
  /** The device-time window, UTC, [start, end). */
  period: z.object({ start: z.string(), end: z.string() }),
  /** The seq range summarised (first event at/after the start to the last before the end); null: no work. */
  range: z.object({ firstSeq: Seq, lastSeq: Seq, events: Count }).nullable(),
  /** "No work recorded at station X on D" for an empty day; null otherwise. */
  empty: z.string().nullable(),
  containers: z.object({
    closed: Count, children: Count, averageChildren: z.number().nullable(),
    weighed: Count, totalGrams: z.number().nonnegative(), averageGrams: z.number().nullable(),
    byType: z.array(z.object({ type: z.string(), closed: Count, children: Count })),
  }),
  refused: z.object({ count: Count, rows: z.array(z.object({ seq: Seq, at: z.string(), user: Who, code: z.string(), codeClass: z.string(), reason: z.string() })) }),
  outOfTolerance: z.object({ count: Count, rows: z.array(z.object({
    seq: Seq, at: z.string(), user: Who, container: z.string(), grams: z.number(), expectedGrams: z.number().nullable(), toleranceGrams: z.number().nullable(), acceptedBy: Who,
  })) }),
  overrides: z.object({ count: Count, rows: z.array(z.object({ seq: Seq, at: z.string(), action: z.string(), permission: z.string(), requestedBy: Who, approvedBy: Who, reason: z.string() })) }),
  voids: z.object({ count: Count, rows: z.array(z.object({ seq: Seq, at: z.string(), container: z.string(), reason: z.string(), user: Who, approvedBy: Who })) }),
  bills: z.object({ opened: Count, finalised: Count, dispatched: Count }),
  manifests: z.object({ completed: Count, closedShort: Count }),
  /** Containers still open at the range's last event: carried over to the next shift. */
  openContainers: z.array(z.object({ container: z.string(), type: z.string(), openedSeq: Seq })),
  /** The audit chain's link at the range's last event: it vouches for everything summarised. */
  chainHead: z.object({ seq: Seq, hash: z.string() }).nullable(),
  clock: z.object({
    /** Consecutive events whose device time went back, or forward by more than an hour. */
    jumps: z.array(ClockJump),
    /** Events in the seq range whose device time lies outside the period (a clock that was wrong). */
    outsidePeriod: Count,
    /** The findings in words, always ending with what can and cannot be said about central's times. */
    notes: z.array(z.string()),
  }),
});
export type EodSummary = z.infer<typeof EodSummary>;

/** A day or shift closed here, for the summary's answer (not part of what is hashed). */
export const EodClosed = z.object({ seq: Seq, at: z.string(), by: Who, summaryHash: z.string(), reason: z.string().nullable() });

/** The summary with its close and the configured shifts (so a screen can offer them); neither is hashed. */
export const EodAnswer = EodSummary.extend({ closed: EodClosed.nullable(), shifts: z.array(z.object({ id: z.string(), start: z.string(), end: z.string() })) });
export type EodAnswer = z.infer<typeof EodAnswer>;

/** End of day: a station's summary per day or shift, its close (once, after central has everything) and its exports. */
export const eodContract = defineContract({
  id: 'eod',
  events: {
    'eod.closed': z.object({
      date: Day, shift: z.string().nullable(), summaryHash: z.string().regex(/^[0-9a-f]{64}$/),
      firstSeq: Seq.nullable(), lastSeq: Seq.nullable(), unsynced: Unsynced.nullable(), reason: Reason.nullable(),
    }),
    'eod.exported': z.object({ date: Day, shift: z.string().nullable(), format: z.enum(['csv', 'pdf']), file: z.string(), summaryHash: z.string() }),
  },
  commands: {
    'eod.close': { payload: EodQuery.extend({ reason: Reason.optional() }).strict(), result: ScanResult, permission: 'eod.close', label: 'Close the day', overridable: true },
    'eod.export': { payload: EodQuery.extend({ format: z.enum(['csv', 'pdf']) }).strict(), result: ScanResult, permission: 'dashboard.view', label: 'Export the end-of-day summary' },
  },
  queries: {
    'eod.summary': { payload: EodQuery, result: EodAnswer, permission: 'dashboard.view', label: 'read the end-of-day summary' },
  },
});

type EodEvents = typeof eodContract.events;
export type EodEventPayload<T extends keyof EodEvents> = z.infer<EodEvents[T]>;
