import type { Db } from '../../store/db';
import type { BillLine } from './contract';
import type { Bill, BillView, OpenBill } from './view';

interface BillRow { bill: string; status: Bill['status']; opened_here: number; opened_by: string | null; finalised_by: string | null; dispatched_by: string | null; printed: number }

interface CentralRow { number: string; status: Bill['status'] | 'closed'; opened_by: string | null; finalised_by: string | null; dispatched_by: string | null; printed: number; containers: string }

export function createBillView(db: Db): BillView {
  const bill = db.prepare<[string]>('SELECT * FROM bills WHERE bill = ?');
  const lines = db.prepare<[string]>(`SELECT container, type, children, grams, estimated_grams AS estimatedGrams FROM bill_lines WHERE bill = ? ORDER BY seq`);
  const billOf = db.prepare<[string]>('SELECT bill FROM bill_lines WHERE container = ?').pluck();
  const open = db.prepare<[number]>(`SELECT b.bill, b.status, (SELECT COUNT(*) FROM bill_lines l WHERE l.bill = b.bill) AS count
    FROM bills b WHERE b.status IN ('open', 'finalised') ORDER BY b.seq DESC LIMIT ?`);
  const opened = db.prepare('SELECT opened FROM bill_counter WHERE id = 1').pluck();
  const central = db.prepare<[string]>(`SELECT number, status, opened_by, finalised_by, dispatched_by, printed, containers FROM ref_bills WHERE number = ?`);
  const removed = db.prepare<[string]>('SELECT container FROM bill_removed WHERE bill = ?').pluck();
  const centralOpen = db.prepare<[number]>(`SELECT number AS bill, status, count FROM ref_bills r WHERE status IN ('open', 'finalised')
    AND NOT EXISTS (SELECT 1 FROM bills b WHERE b.bill = r.number) ORDER BY updated_at DESC LIMIT ?`);
  // open bills only: a handful, so a scan of their lines is cheap
  const centralBillOf = db.prepare<[string]>(`SELECT r.number FROM ref_bills r, json_each(r.containers) j
    WHERE r.status <> 'dispatched' AND json_extract(j.value, '$.container') = ? LIMIT 1`).pluck();
  return {
    bill: (code) => {
      const r = bill.get(code) as BillRow | undefined;
      return r ? { bill: r.bill, status: r.status, openedHere: r.opened_here === 1, openedBy: r.opened_by, finalisedBy: r.finalised_by, dispatchedBy: r.dispatched_by, printed: r.printed } : null;
    },
    lines: (code) => lines.all(code) as BillLine[],
    billOf: (container) => (billOf.get(container) as string | undefined) ?? null,
    open: (limit) => open.all(limit) as OpenBill[],
    openedHere: () => opened.get() as number,
    central: (code) => {
      const r = central.get(code) as CentralRow | undefined;
      if (!r) return null;
      const gone = new Set(removed.all(code) as string[]);
      const lines = (JSON.parse(r.containers) as BillLine[]).filter((l) => !gone.has(l.container));
      const status = r.status === 'closed' ? 'dispatched' : r.status;
      return { bill: r.number, status, openedBy: r.opened_by, finalisedBy: r.finalised_by, dispatchedBy: r.dispatched_by, printed: r.printed, lines };
    },
    centralOpen: (limit) => centralOpen.all(limit) as OpenBill[],
    centralBillOf: (container) => (centralBillOf.get(container) as string | undefined) ?? null,
  };
}
