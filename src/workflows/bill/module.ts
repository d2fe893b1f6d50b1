import fs from 'node:fs/promises';
import path from 'node:path';
import { refuse, type Decision } from '../../core/decision';
import { allows } from '../../core/permissions';
import type { CallContext, Kernel, ModuleRuntime, RequestHandler, ScanHandler, Views, WorkflowModule } from '../../core/workflow';
import { renderBillSummaryPdf } from '../../documents';
import type { ContainerView } from '../container/view';
import type { SessionView } from '../session/view';
import type { UserView } from '../user/view';
import type { WeighView } from '../weigh/view';
import { billContract, type BillSlice } from './contract';
import { decideAdd, decideDispatch, decideFinalise, decideRemove, decideReverse, nextBillNumber, summaryOf, type KnownBill } from './decide';
import { billMigration } from './migrations.sqlite';
import { createBillProjection } from './projection.sqlite';
import type { BillView } from './view';
import { createBillView } from './view.sqlite';
import type { WeightSources } from './weight';

const billsOf = (views: Views) => views.bill as BillView;
const sessionOf = (views: Views) => (views.session as SessionView | undefined)?.current()?.sessionId ?? null;

/** The bill as this station knows it: its own lines and central's (a bill continued from another station). */
export function knownBill(view: BillView, bill: string): KnownBill | null {
  const local = view.bill(bill);
  const central = view.central(bill);
  if (!local && !central) return null;
  const lines = view.lines(bill);
  const here = new Set(lines.map((l) => l.container));
  return {
    bill,
    status: local?.status ?? central!.status,
    openedBy: local?.openedBy ?? central?.openedBy ?? null,
    finalisedBy: local ? local.finalisedBy : central!.finalisedBy,
    dispatchedBy: local ? local.dispatchedBy : central!.dispatchedBy,
    printed: Math.max(local?.printed ?? 0, central?.printed ?? 0),
    lines: [...(central?.lines ?? []).filter((l) => !here.has(l.container)), ...lines],
  };
}

/**
 * Bills: a biller opens one (or continues an open one, also another station's from central), scans
 * closed containers onto it with their weights (measured, or estimated), finalises it; a dispatcher
 * dispatches it; a supervisor reverses it. While a bill is in hand and open, the scanner adds to it.
 */
export const billModule: WorkflowModule = {
  id: 'bill',
  dependsOn: ['container', 'weigh', 'session', 'user'],
  contract: billContract,
  migrations: [billMigration],
  createView: (db) => createBillView(db),
  project: (db) => createBillProjection(db),
  start: (kernel) => startBills(kernel),
};

function startBills(kernel: Kernel): ModuleRuntime {
  // the bill in hand, for the session that took it up
  let current: { bill: string; session: string | null } | null = null;
  const sources = (views: Views): WeightSources => ({
    containers: views.container as ContainerView,
    weights: (views.weigh as WeighView | undefined) ?? null,
    rulesOf: (typeId) => {
      const t = kernel.config.container?.types.find((x) => x.id === typeId);
      return t ? { emptyWeightG: t.emptyWeightG, maxWeightG: t.maxWeightG ?? null, itemWeightG: t.itemWeightG ?? null, leaf: t.holds.length === 0 } : null;
    },
  });
  const inHand = (views: Views): string | null => (current && current.session === sessionOf(views) ? current.bill : null);
  const which = (p: { bill?: string } | undefined, views: Views) => p?.bill ?? inHand(views);
  const act = (call: CallContext, decide: (views: Views) => Decision) => kernel.act(call, 'command', (views) => ({ ...decide(views), touches: ['bill'] }));
  const named = (call: CallContext, views: Views, bill: string | null, then: (b: KnownBill | null) => Decision): Decision =>
    (bill ? then(knownBill(billsOf(views), bill)) : refuse(call.trigger, 'command', 'No bill in hand: open one or continue one first'));

  const scan: ScanHandler = {
    permission: 'bill.build',
    decide: (views, s) => {
      const bill = knownBill(billsOf(views), inHand(views)!)!;
      const elsewhere = (container: string) => {
        const on = billsOf(views).billOf(container) ?? billsOf(views).centralBillOf(container);
        return on === bill.bill ? null : on;
      };
      return { ...decideAdd(bill, s.key, sources(views), elsewhere), touches: ['bill'] };
    },
  };

  const commands: Record<string, RequestHandler> = {
    'bill.open': (_p: unknown, call) => act(call, (views) => {
      const bill = nextBillNumber(kernel.config.stationId, billsOf(views));
      return { outcome: 'good', message: `Bill ${bill} opened: scan the closed containers onto it`, events: [{ type: 'bill.opened', payload: { bill } }],
        effect: () => { current = { bill, session: sessionOf(kernel.views) }; } };
    }),
    'bill.continue': (p: { bill: string }, call) => act(call, (views) => {
      const b = knownBill(billsOf(views), p.bill);
      if (!b) return refuse(call.trigger, 'command', `There is no bill ${p.bill} here or at central`);
      // in hand and open, the scanner adds to it: only for someone who may build it (a dispatcher waits for it to be finalised)
      if (b.status === 'open' && !allows(call.actor?.role ?? null, 'bill.build')) {
        return refuse(call.trigger, 'command', `Bill ${b.bill} is open: the biller finalises it before it can be dispatched`);
      }
      return { outcome: 'good', message: `Bill ${b.bill} in hand (${b.status}, ${b.lines.length} container${b.lines.length === 1 ? '' : 's'})`, events: [],
        effect: () => { current = { bill: b.bill, session: sessionOf(kernel.views) }; } };
    }),
    'bill.put_down': (_p: unknown, call) => act(call, (views) => {
      const bill = inHand(views);
      if (!bill) return refuse(call.trigger, 'command', 'No bill in hand');
      return { outcome: 'good', message: `Bill ${bill} put down: the scanner packs again`, events: [], effect: () => { current = null; } };
    }),
    'bill.remove': (p: { bill: string; container: string; reason: string }, call) => act(call, (views) =>
      decideRemove(knownBill(billsOf(views), p.bill), p.container, p.reason, call.trigger)),
    'bill.finalise': (p: { bill?: string }, call) => act(call, (views) => named(call, views, which(p, views), (b) => decideFinalise(b, call.trigger))),
    'bill.dispatch': (p: { bill?: string }, call) => act(call, (views) => named(call, views, which(p, views), (b) => decideDispatch(b, call.trigger))),
    'bill.reverse': (p: { bill: string; reason?: string }, call) => act(call, (views) =>
      decideReverse(knownBill(billsOf(views), p.bill), p.reason ?? call.approval?.reason ?? '', call.trigger)),
    'bill.print': (p: { bill?: string; reason?: string }, call) => print(which(p, kernel.views), p?.reason ?? null, call),
  };

  /** Renders the summary to `<dataDir>/documents/bills/`, then records the copy; a reprint needs a reason. */
  async function print(bill: string | null, reason: string | null, call: CallContext): Promise<unknown> {
    const refused = (why: string) => act(call, () => refuse(call.trigger, 'command', why));
    if (!bill) return refused('No bill in hand: name the bill to print');
    const b = knownBill(billsOf(kernel.views), bill);
    if (!b) return refused(`There is no bill ${bill} here or at central`);
    if (b.status === 'open') return refused(`Bill ${bill} is open: finalise it before printing its summary`);
    const copy = b.printed + 1;
    if (copy > 1 && !reason) return refused(`Bill ${bill} was printed before: a reprint needs a reason`);
    const users = kernel.views.user as UserView;
    const names = Object.fromEntries([b.openedBy, b.finalisedBy, b.dispatchedBy].flatMap((id) => (id ? [[id, users.byId(id)?.name ?? id]] : [])));
    const printedAt = kernel.clock().toISOString();
    const file = path.join(kernel.config.dataDir, 'documents', 'bills', `${bill}-copy${copy}.pdf`);
    try {
      const pdf = await renderBillSummaryPdf({ ...summaryOf(b), stationId: kernel.config.stationId, printedAt, copy, reprintReason: copy > 1 ? reason : null, names });
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, pdf);
    } catch (err) {
      return refused(`The summary of bill ${bill} could not be saved: ${(err as Error).message}`);
    }
    return act(call, (views) => {
      // another copy was recorded meanwhile (a second press): this one is still a copy, with the next number
      const now = knownBill(billsOf(views), bill)!;
      const n = Math.max(copy, now.printed + 1);
      return { outcome: 'good', message: `Summary of bill ${bill} saved: ${file}`, events: [{ type: 'bill.summary_printed', payload: { bill, copy: n, reason: n > 1 ? reason ?? 'second press' : null, file } }] };
    });
  }

  return {
    capture: () => {
      const bill = inHand(kernel.views);
      return bill && knownBill(billsOf(kernel.views), bill)?.status === 'open' ? scan : null;
    },
    commandBarcodes: { BILL_OPEN: 'bill.open', BILL_FINALISE: 'bill.finalise', BILL_DISPATCH: 'bill.dispatch', BILL_PUT_DOWN: 'bill.put_down', BILL_PRINT: 'bill.print' },
    commands,
    queries: {
      'bill.get': (p: { bill: string }) => {
        const b = knownBill(billsOf(kernel.views), p.bill);
        return b ? summaryOf(b) : null;
      },
    },
    slice: (): BillSlice => {
      const view = billsOf(kernel.views);
      const bill = inHand(kernel.views);
      const b = bill ? knownBill(view, bill) : null;
      return {
        current: b ? summaryOf(b) : null,
        open: [...view.open(20).map((o) => ({ ...o, from: 'local' as const })), ...view.centralOpen(20).map((o) => ({ ...o, from: 'central' as const }))],
      };
    },
  };
}
