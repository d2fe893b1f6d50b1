import { accept, refuse, type Decision } from '../../core/decision';
import type { BillLine, BillSummary } from './contract';
import type { BillView } from './view';
import { kg } from '../../scale/kg';
import { billLineOf, billWeight, type WeightSources } from './weight';

/** A bill as this station knows it: its own row and lines, or (continued from another station) central's. */
export interface KnownBill {
  bill: string;
  status: BillSummary['status'];
  openedBy: string | null;
  finalisedBy: string | null;
  dispatchedBy: string | null;
  printed: number;
  lines: BillLine[];
}

/** The summary the screen and the PDF show. */
export function summaryOf(b: KnownBill): BillSummary {
  return { bill: b.bill, status: b.status, openedBy: b.openedBy, finalisedBy: b.finalisedBy, dispatchedBy: b.dispatchedBy, lines: b.lines, weight: billWeight(b.lines), printed: b.printed };
}

const totals = (lines: readonly BillLine[]): string => {
  const w = billWeight(lines);
  const n = `${lines.length} container${lines.length === 1 ? '' : 's'}`;
  return w.estimatedCount === 0 ? `${n}, ${kg(w.totalGrams)}` : `${n}, ${kg(w.totalGrams)} (${kg(w.estimatedGrams)} estimated)`;
};

/** A scan onto the bill in hand: a closed, outermost container on no other bill. */
export function decideAdd(bill: KnownBill, code: string, sources: WeightSources, billOfElsewhere: (container: string) => string | null): Decision {
  if (bill.status !== 'open') return refuse(code, 'container', `Bill ${bill.bill} is ${bill.status}: nothing more goes on it`);
  const c = sources.containers.container(code);
  if (!c) return refuse(code, 'unknown', `${code} is not a container packed at this station`);
  if (c.status === 'open') return refuse(code, 'container', `${code} is still open (${c.children.length} of ${c.capacity}): close it before it goes on a bill`);
  if (c.status === 'voided') return refuse(code, 'container', `${code} was voided: it cannot go on a bill`);
  const outer = sources.containers.ancestors(code).at(-1);
  if (outer) return refuse(code, 'container', `${code} is inside ${outer}: put ${outer} on the bill`);
  if (bill.lines.some((l) => l.container === code)) return refuse(code, 'container', `${code} is already on bill ${bill.bill}`);
  const other = billOfElsewhere(code);
  if (other) return refuse(code, 'container', `${code} is on bill ${other} already`);
  const line = billLineOf(code, sources)!;
  const lines = [...bill.lines, line];
  const weighed = line.grams !== null ? kg(line.grams) : `${kg(line.estimatedGrams ?? 0)} estimated`;
  return accept(`${code} on bill ${bill.bill} (${weighed}): ${totals(lines)}`, [{ type: 'bill.added', payload: { bill: bill.bill, ...line } }]);
}

export function decideRemove(bill: KnownBill | null, container: string, reason: string, trigger: string): Decision {
  if (!bill) return refuse(trigger, 'command', 'There is no such bill here');
  if (bill.status !== 'open') return refuse(trigger, 'command', `Bill ${bill.bill} is ${bill.status}: a container comes off it only after a supervisor reverses it`);
  if (!bill.lines.some((l) => l.container === container)) return refuse(trigger, 'command', `${container} is not on bill ${bill.bill}`);
  const lines = bill.lines.filter((l) => l.container !== container);
  return accept(`${container} taken off bill ${bill.bill}: ${totals(lines)}`, [{ type: 'bill.removed', payload: { bill: bill.bill, container, reason } }]);
}

export function decideFinalise(bill: KnownBill | null, trigger: string): Decision {
  if (!bill) return refuse(trigger, 'command', 'There is no such bill here');
  if (bill.status !== 'open') return refuse(trigger, 'command', `Bill ${bill.bill} is ${bill.status} already`);
  if (bill.lines.length === 0) return refuse(trigger, 'command', `Bill ${bill.bill} is empty: scan the containers onto it first`);
  const weight = billWeight(bill.lines);
  return accept(`Bill ${bill.bill} finalised: ${totals(bill.lines)}`, [{ type: 'bill.finalised', payload: { bill: bill.bill, count: bill.lines.length, ...weight } }]);
}

export function decideDispatch(bill: KnownBill | null, trigger: string): Decision {
  if (!bill) return refuse(trigger, 'command', 'There is no such bill here');
  if (bill.status === 'open') return refuse(trigger, 'command', `Bill ${bill.bill} is not finalised yet: the biller finalises it first`);
  if (bill.status === 'dispatched') return refuse(trigger, 'command', `Bill ${bill.bill} is dispatched already`);
  const { totalGrams } = billWeight(bill.lines);
  return accept(`Bill ${bill.bill} dispatched: ${totals(bill.lines)}`, [{ type: 'bill.dispatched', payload: { bill: bill.bill, count: bill.lines.length, totalGrams } }]);
}

/** A supervisor's correction of a finalised or dispatched bill: open again, every container still on it. */
export function decideReverse(bill: KnownBill | null, reason: string, trigger: string): Decision {
  if (!bill) return refuse(trigger, 'command', 'There is no such bill here');
  if (bill.status === 'open') return refuse(trigger, 'command', `Bill ${bill.bill} is open: there is nothing to reverse`);
  return accept(`Bill ${bill.bill} is open again for a correction`, [{ type: 'bill.reversed', payload: { bill: bill.bill, reason } }]);
}

/** The next number for a bill opened here: the station and a running number. */
export function nextBillNumber(stationId: string, view: BillView): string {
  return `${stationId}-B${String(view.openedHere() + 1).padStart(6, '0')}`;
}
