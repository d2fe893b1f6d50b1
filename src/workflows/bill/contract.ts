import { z } from 'zod';
import { defineContract } from '../../api/contract';
import { ScanResult } from '../../api/scan';

/** A bill's number: the station that opened it and a running number (`S01-B000042`), unique across the floor. */
export const BillNumber = z.string().regex(/^[A-Za-z0-9_.-]{1,40}-B\d{6,}$/, 'a bill number looks like STATION-B000001');
const Code = z.string().min(1).max(300);
const Reason = z.string().trim().min(3, 'a reason needs at least 3 characters').max(500);
const Grams = z.number().nonnegative();

export const BillStatus = z.enum(['open', 'finalised', 'dispatched']);
export type BillStatus = z.infer<typeof BillStatus>;

/** One container on a bill: its measured weight, or (not weighed) the estimate of its empty weight plus its children. */
export const BillLine = z.object({
  container: Code,
  type: z.string(),
  children: z.number().int().nonnegative(),
  /** The accepted weight, or null when it was not weighed. */
  grams: Grams.nullable(),
  /** Null when it was weighed. */
  estimatedGrams: Grams.nullable(),
});
export type BillLine = z.infer<typeof BillLine>;

/** Dynamic weight: the measured weights plus the estimates of the containers not weighed. */
export const BillWeight = z.object({ measuredGrams: Grams, estimatedGrams: Grams, totalGrams: Grams, estimatedCount: z.number().int().nonnegative() });
export type BillWeight = z.infer<typeof BillWeight>;

export const BillSummary = z.object({
  bill: BillNumber,
  status: BillStatus,
  openedBy: z.string().nullable(),
  finalisedBy: z.string().nullable(),
  dispatchedBy: z.string().nullable(),
  lines: z.array(BillLine),
  weight: BillWeight,
  /** Copies of the printable summary so far (the first print is copy 1). */
  printed: z.number().int().nonnegative(),
});
export type BillSummary = z.infer<typeof BillSummary>;

/**
 * The bill in hand at this station, and the bills it may continue (its own and, from central, other
 * stations'): open ones for the biller, finalised ones waiting for the dispatcher.
 */
export const BillSlice = z.object({
  current: BillSummary.nullable(),
  open: z.array(z.object({ bill: BillNumber, count: z.number().int().nonnegative(), from: z.enum(['local', 'central']), status: z.enum(['open', 'finalised']) })),
}).optional();
export type BillSlice = z.infer<typeof BillSlice>;

const ForBill = z.object({ bill: BillNumber }).strict();
/** No bill named (a command barcode) means the bill in hand. */
const BillInHand = z.object({ bill: BillNumber.optional() }).strict();
const WithReason = z.object({ bill: BillNumber, reason: Reason }).strict();

/** Bills (dispatch documents): closed containers scanned onto a bill, finalised by a biller, dispatched by a dispatcher. */
export const billContract = defineContract({
  id: 'bill',
  events: {
    'bill.opened': z.object({ bill: BillNumber }),
    /** A closed container on the bill, with its weight as it was when added. */
    'bill.added': BillLine.extend({ bill: BillNumber }),
    'bill.removed': z.object({ bill: BillNumber, container: Code, reason: Reason }),
    /** The biller's totals, as printed on the summary. */
    'bill.finalised': BillWeight.extend({ bill: BillNumber, count: z.number().int().positive() }),
    /** Immutable from here: only a supervisor's reversal changes it. */
    'bill.dispatched': z.object({ bill: BillNumber, count: z.number().int().positive(), totalGrams: Grams }),
    /** A supervisor's correction after dispatch: the bill is open again, with every container still on it. */
    'bill.reversed': z.object({ bill: BillNumber, reason: Reason }),
    /** A printable summary was made: copy 1 is the first, a later copy is a reprint and names why. */
    'bill.summary_printed': z.object({ bill: BillNumber, copy: z.number().int().positive(), reason: Reason.nullable(), file: z.string() }),
  },
  commands: {
    'bill.open': { payload: z.object({}).strict(), result: ScanResult, permission: 'bill.build', label: 'Open a new bill' },
    // bill.print, not bill.build: a dispatcher takes a finalised bill in hand too (CMD:BILL_DISPATCH acts on the bill in hand)
    'bill.continue': { payload: ForBill, result: ScanResult, permission: 'bill.print', label: 'Continue a bill' },
    'bill.remove': { payload: z.object({ bill: BillNumber, container: Code, reason: Reason }).strict(), result: ScanResult, permission: 'bill.build', label: 'Take a container off the bill' },
    'bill.finalise': { payload: BillInHand, result: ScanResult, permission: 'bill.build', label: 'Finalise the bill' },
    'bill.dispatch': { payload: BillInHand, result: ScanResult, permission: 'bill.dispatch', label: 'Dispatch the bill' },
    'bill.reverse': { payload: WithReason, result: ScanResult, permission: 'bill.reverse', label: 'Reverse a dispatched bill', overridable: true },
    'bill.print': { payload: z.object({ bill: BillNumber.optional(), reason: Reason.optional() }).strict(), result: ScanResult, permission: 'bill.print', label: 'Print the bill summary' },
    'bill.put_down': { payload: z.object({}).strict(), result: ScanResult, permission: 'bill.print', label: 'Put the bill down' },
  },
  queries: {
    'bill.get': { payload: ForBill, result: BillSummary.nullable(), permission: 'bill.print', label: 'read a bill' },
  },
  slice: BillSlice,
});

type BillEvents = typeof billContract.events;
export type BillEventPayload<T extends keyof BillEvents> = z.infer<BillEvents[T]>;
