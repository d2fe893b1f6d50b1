import type { StoredEvent } from '../../core/events';
import type { Db } from '../../store/db';
import type { billContract, BillEventPayload as Payload } from './contract';

type Events = typeof billContract.events;

/** Applies the `bill.*` events to `bills` and `bill_lines`. A bill continued from another station gets its row on its first line here. */
export function createBillProjection(db: Db): (event: StoredEvent) => void {
  const open = db.prepare(`INSERT INTO bills (bill, status, opened_here, opened_by, seq) VALUES (@bill, 'open', @here, @by, @seq)
    ON CONFLICT (bill) DO NOTHING`);
  const counted = db.prepare('UPDATE bill_counter SET opened = opened + 1');
  const line = db.prepare(`INSERT INTO bill_lines (container, bill, type, children, grams, estimated_grams, seq)
    VALUES (@container, @bill, @type, @children, @grams, @estimatedGrams, @seq)`);
  const unline = db.prepare<[string, string]>('DELETE FROM bill_lines WHERE container = ? AND bill = ?');
  const tombstone = db.prepare<[string, string]>('INSERT OR IGNORE INTO bill_removed (bill, container) VALUES (?, ?)');
  const untombstone = db.prepare<[string, string]>('DELETE FROM bill_removed WHERE bill = ? AND container = ?');
  const status = db.prepare<[string, number, string]>('UPDATE bills SET status = ?, seq = ? WHERE bill = ?');
  const who = (column: 'finalised_by' | 'dispatched_by') => db.prepare<[string | null, string]>(`UPDATE bills SET ${column} = ? WHERE bill = ?`);
  const finalisedBy = who('finalised_by');
  const dispatchedBy = who('dispatched_by');
  const printed = db.prepare<[number, string]>('UPDATE bills SET printed = MAX(printed, ?) WHERE bill = ?');

  const apply: { [T in keyof Events]: (p: Payload<T>, e: StoredEvent) => void } = {
    'bill.opened': (p, e) => {
      // this station's log holds only its own openings
      open.run({ bill: p.bill, here: 1, by: e.userId, seq: e.seq });
      counted.run();
    },
    'bill.added': (p, e) => {
      open.run({ bill: p.bill, here: 0, by: null, seq: e.seq });
      line.run({ ...p, seq: e.seq });
      untombstone.run(p.bill, p.container);
    },
    'bill.removed': (p) => {
      unline.run(p.container, p.bill);
      tombstone.run(p.bill, p.container);
    },
    'bill.finalised': (p, e) => {
      status.run('finalised', e.seq, p.bill);
      finalisedBy.run(e.userId, p.bill);
    },
    'bill.dispatched': (p, e) => {
      status.run('dispatched', e.seq, p.bill);
      dispatchedBy.run(e.userId, p.bill);
    },
    // open again for the correction; who finalised and dispatched it before stays in the trail
    'bill.reversed': (p, e) => {
      status.run('open', e.seq, p.bill);
      finalisedBy.run(null, p.bill);
      dispatchedBy.run(null, p.bill);
    },
    'bill.summary_printed': (p) => { printed.run(p.copy, p.bill); },
  };
  return (event) => {
    const handler = Object.hasOwn(apply, event.type) ? apply[event.type as keyof Events] : undefined;
    (handler as ((p: unknown, e: StoredEvent) => void) | undefined)?.(event.payload, event);
  };
}
