import type { BillLine, BillStatus } from './contract';

export interface Bill {
  bill: string;
  status: BillStatus;
  openedHere: boolean;
  openedBy: string | null;
  finalisedBy: string | null;
  dispatchedBy: string | null;
  printed: number;
}

/** A bill that may still be continued: open (the biller scans onto it) or finalised (waiting for the dispatcher). */
export interface OpenBill {
  bill: string;
  count: number;
  status: 'open' | 'finalised';
}

/** The read-only questions of the bill workflow, from `bills` and `bill_lines`. */
export interface BillView {
  bill(bill: string): Bill | null;
  lines(bill: string): BillLine[];
  /** The bill this container is on here, or null. */
  billOf(container: string): string | null;
  /** Bills of this station not dispatched yet (open or finalised), the latest changed first. */
  open(limit: number): OpenBill[];
  /** How many bills this station has opened (the next number is one more). */
  openedHere(): number;
  /** The bill as central last sent it (any station's), with its lines less those taken off here; null when central sent none. */
  central(bill: string): CentralBill | null;
  /** Central's bills of other stations not dispatched yet, newest first. */
  centralOpen(limit: number): OpenBill[];
  /** The bill central lists this container on, or null. */
  centralBillOf(container: string): string | null;
}

export interface CentralBill extends Omit<Bill, 'openedHere'> {
  lines: BillLine[];
}
