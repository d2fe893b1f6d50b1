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

/** The read-only questions of the bill workflow, from `bills` and `bill_lines`. */
export interface BillView {
  bill(bill: string): Bill | null;
  lines(bill: string): BillLine[];
  /** The bill this container is on here, or null. */
  billOf(container: string): string | null;
  /** Open bills of this station, newest first. */
  open(limit: number): Array<{ bill: string; count: number }>;
  /** How many bills this station has opened (the next number is one more). */
  openedHere(): number;
  /** The bill as central last sent it (any station's), with its lines less those taken off here; null when central sent none. */
  central(bill: string): CentralBill | null;
  /** Central's open bills of other stations, newest first. */
  centralOpen(limit: number): Array<{ bill: string; count: number }>;
  /** The bill central lists this container on, or null. */
  centralBillOf(container: string): string | null;
}

export interface CentralBill extends Omit<Bill, 'openedHere'> {
  lines: BillLine[];
}
