import { z } from 'zod';
import { defineContract } from '../../api/contract';
import { ScanResult } from '../../api/scan';
import { AuditPage, AuditRow } from '../audit/contract';

/** The most rows one `history.events` page holds. */
export const HISTORY_PAGE_MAX = 200;

/** A code as scanned or typed: a container or child code, or a GS1 scan (element string or `(00)…`/`(01)…`). */
const Code = z.string().trim().min(1, 'a code is required').max(300);

export const HistorySearch = z.object({ code: Code }).strict();
export type HistorySearch = z.output<typeof HistorySearch>;

export const HistoryEventsQuery = z.object({
  code: Code,
  /** Keyset cursor: only events with a seq below this (the `next` of the page before). */
  before: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(HISTORY_PAGE_MAX).default(50),
}).strict();
export type HistoryEventsQuery = z.output<typeof HistoryEventsQuery>;

/**
 * How the code searched for was read: `code` as given, or the SSCC (AI 00) or GTIN (AI 01) inside a
 * GS1 scan (raw element string, FNC1/GS, AIM id or the bracketed `(00)…` form).
 */
export const FoundVia = z.enum(['code', 'sscc', 'gtin']);

/** A weighing recorded for a container (the `weights` table, where the station has one): its columns as stored. */
export const WeightRow = z.record(z.string(), z.union([z.string(), z.number(), z.null()]));

const Child = z.object({ code: z.string(), type: z.string() });

/** What the code searched for is at this station. `chain`: the containers it is in, outermost first. */
export const SearchResult = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('container'),
    query: z.string(),
    code: z.string(),
    via: FoundVia,
    /** `container`: the container workflow (sack, pallet …); `bag`: a parent bag of the bag workflow. */
    source: z.enum(['container', 'bag']),
    type: z.string(),
    status: z.enum(['open', 'closed', 'voided']),
    closeReason: z.string().nullable(),
    capacity: z.number().int().positive(),
    count: z.number().int().nonnegative(),
    chain: z.array(z.string()),
    children: z.array(Child),
    /** Null where the station keeps no weights (no `weights` table). */
    weights: z.array(WeightRow).nullable(),
    /** Its label jobs, newest first (the `label_jobs` table, where the station prints labels); null where it does not. */
    labels: z.array(WeightRow).nullable(),
  }),
  z.object({
    kind: z.literal('child'),
    query: z.string(),
    code: z.string(),
    via: FoundVia,
    source: z.enum(['container', 'bag']),
    /** Its type where the container workflow recorded one (a bag child has none). */
    type: z.string().nullable(),
    parent: z.string(),
    chain: z.array(z.string()),
  }),
  /** Named by events, but in no container and no container itself now (undone, freed by a void, a bag parent closed empty). */
  z.object({ kind: z.literal('history-only'), query: z.string(), code: z.string(), via: FoundVia, events: z.number().int().positive() }),
  z.object({ kind: z.literal('none'), query: z.string(), code: z.string(), via: FoundVia, message: z.string() }),
]);
export type SearchResult = z.infer<typeof SearchResult>;

/** Where the code appears in the event's payload. */
export const CodeRole = z.enum(['container', 'parent', 'child', 'from', 'to', 'children']);
export type CodeRole = z.infer<typeof CodeRole>;

/** One event that names the code, with who did it: a row of the audit trail, and where in it the code stands. */
export const HistoryRow = AuditRow.extend({
  /** The fields of the payload that name the code. */
  as: z.array(CodeRole),
});
export type HistoryRow = z.infer<typeof HistoryRow>;

export const HistoryPage = z.object({
  query: z.string(),
  /** The code the rows name (the SSCC or GTIN when the query was a GS1 scan). */
  code: z.string(),
  via: FoundVia,
  rows: z.array(HistoryRow),
  /** Pass as `before` for the next (older) page; null on the last one. */
  next: z.number().int().positive().nullable(),
});
export type HistoryPage = z.infer<typeof HistoryPage>;

/**
 * What one user did this shift (the shift limit back from now), newest first, in keyset pages of at
 * most 200: a packer's own, or, for a supervisor or admin, anyone's.
 */
export const ShiftQuery = z.object({
  userId: z.string().min(1).max(64).optional(),
  before: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(200).default(50),
}).strict();
export type ShiftQuery = z.output<typeof ShiftQuery>;

/**
 * The search screen's hold on the scanner: while `capturing`, a hardware scan is a search, not a
 * packing scan; `scanned` is the last one (its `n` counts up, so the same code scanned twice searches twice).
 */
export const HistorySlice = z.object({
  capturing: z.boolean(),
  scanned: z.object({ code: z.string(), n: z.number().int().positive() }).nullable(),
}).optional();
export type HistorySlice = z.infer<typeof HistorySlice>;

/** Search and history: what a code is at this station, and every container or bag event that names it. Reads only. */
export const historyContract = defineContract({
  id: 'history',
  events: {},
  commands: {
    /** The search screen opened (`on`) or closed: the scanner searches while it is open, for the user who opened it (refused: a ScanResult, as every command). */
    'history.capture': { payload: z.object({ on: z.boolean() }).strict(), result: z.union([z.object({ capturing: z.boolean() }), ScanResult]), permission: 'history.view', label: 'search with the scanner' },
  },
  queries: {
    'history.shift': { payload: ShiftQuery, result: AuditPage, permission: 'history.view', label: 'read a shift\'s history' },
    'history.search': { payload: HistorySearch, result: SearchResult, permission: 'history.view', label: 'search a code' },
    'history.events': { payload: HistoryEventsQuery, result: HistoryPage, permission: 'history.view', label: 'read the history of a code' },
  },
  slice: HistorySlice,
});
