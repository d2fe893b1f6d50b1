/** A seq range and how many of its events carry a device time outside the period. */
export interface SeqRange { firstSeq: number; lastSeq: number; events: number; outsidePeriod: number }

export interface ClosedRow { container: string; type: string | null; children: number; grams: number | null }
export interface RefusedRow { seq: number; at: string; userId: string | null; code: string; codeClass: string; reason: string }
export interface ToleranceRow { seq: number; at: string; userId: string | null; container: string; grams: number; expectedGrams: number | null; toleranceGrams: number | null; acceptedBy: string | null }
export interface OverrideRow { seq: number; at: string; action: string; permission: string; requestedBy: string | null; supervisorId: string; reason: string }
export interface VoidRow { seq: number; at: string; container: string; reason: string; userId: string | null; approvedBy: string | null }
export interface JumpRow { seq: number; prevSeq: number; at: string; prevAt: string; deltaMs: number }
export interface CloseRow { seq: number; at: string; userId: string | null; summaryHash: string; reason: string | null }
export interface LocalUnsynced { notAtCentral: number; oldestAt: string | null; unseenRejections: number }

/** The read-only questions of end of day: aggregates over a seq range of the event log and its projections. */
export interface EodView {
  /** The first and last seq whose device time lies in [start, end); null when none does. */
  range(start: string, end: string): SeqRange | null;
  /** Consecutive events in [firstSeq - 1, lastSeq] whose clock went back or jumped forward more than `forwardMs`. */
  jumps(firstSeq: number, lastSeq: number, forwardMs: number): JumpRow[];
  /** Containers closed in the range (their last close) and not voided after it within the range, with their accepted weight. */
  closed(firstSeq: number, lastSeq: number): ClosedRow[];
  refused(firstSeq: number, lastSeq: number, limit: number): { count: number; rows: RefusedRow[] };
  outOfTolerance(firstSeq: number, lastSeq: number, limit: number): { count: number; rows: ToleranceRow[] };
  overrides(firstSeq: number, lastSeq: number, limit: number): { count: number; rows: OverrideRow[] };
  voids(firstSeq: number, lastSeq: number, limit: number): { count: number; rows: VoidRow[] };
  /** How many events of each of these types the range holds. */
  counts(firstSeq: number, lastSeq: number, types: readonly string[]): Record<string, number>;
  /** Containers whose last open/close/reopen/void event at or before `lastSeq` opened them. */
  openAt(lastSeq: number): Array<{ container: string; type: string; openedSeq: number }>;
  /** The chain's link of one event. */
  link(seq: number): { seq: number; hash: string } | null;
  closeOf(date: string, shift: string | null): CloseRow | null;
  /** What the local store knows is not at central: events after the acknowledged mark, unseen rejections. */
  unsynced(): LocalUnsynced;
}
