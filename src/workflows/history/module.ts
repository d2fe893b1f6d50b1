import { ForbiddenError } from '../../core/gate';
import { allows } from '../../core/permissions';
import type { CallContext, ScanHandler, Views, WorkflowModule } from '../../core/workflow';
import type { AuditView } from '../audit/view';
import type { SessionView } from '../session/view';
import { historyContract, type HistoryEventsQuery, type HistorySearch, type HistorySlice, type ShiftQuery } from './contract';
import { historyMigration } from './migrations.sqlite';
import type { HistoryView } from './view';
import { createHistoryView } from './view.sqlite';

/**
 * Search and history: what any code is at this station (a container with its chain, children and
 * weights, a child and where it is, the SSCC or GTIN inside a GS1 scan) and every container or bag
 * event that names it, newest first, in keyset pages of at most 200. Queries only, no events; it
 * reads the container and bag views, and keeps its code index (`code_events`) beside the log.
 */
export const historyModule: WorkflowModule = {
  id: 'history',
  dependsOn: ['container', 'bag', 'audit', 'session'],
  contract: historyContract,
  migrations: [historyMigration],
  createView: (db, deps) => createHistoryView(db, deps),
  start(kernel) {
    const history = kernel.views.history as HistoryView;
    const sessionOf = (views: Views) => (views.session as SessionView | undefined)?.current()?.sessionId ?? null;
    // The session whose search screen is open: a sign-out, a lock or another user ends the hold.
    let capturingFor: string | null = null;
    let scanned: NonNullable<HistorySlice>['scanned'] = null;
    const search: ScanHandler = {
      permission: 'history.view',
      decide: (_views, scan) => ({
        outcome: 'good', message: `Searching ${scan.text}`, events: [], touches: ['history'],
        effect: () => { scanned = { code: scan.text, n: (scanned?.n ?? 0) + 1 }; },
      }),
    };
    const capturing = () => capturingFor !== null && capturingFor === sessionOf(kernel.views);
    return {
      commands: {
        'history.capture': (p: { on: boolean }) => {
          capturingFor = p.on ? sessionOf(kernel.views) : null;
          kernel.touch('history');
          return { capturing: capturing() };
        },
      },
      capture: () => (capturing() ? search : null),
      slice: (): HistorySlice => ({ capturing: capturing(), scanned }),
      queries: {
        'history.search': (p: HistorySearch) => history.search(p.code),
        'history.events': (p: HistoryEventsQuery) => history.events(p),
        // one user's events in the audit trail's own keyset pages, from the shift limit back
        'history.shift': (p: ShiftQuery, call: CallContext) => {
          const actor = call.actor!;
          const userId = p.userId ?? actor.userId;
          if (userId !== actor.userId && !allows(actor.role, 'audit.view')) {
            throw new ForbiddenError(`${actor.name} may see only their own shift, not ${userId}'s`);
          }
          const from = new Date(kernel.clock().getTime() - kernel.config.session.shiftLimitMs).toISOString();
          return (kernel.views.audit as AuditView).events({ userId, from, before: p.before, limit: p.limit });
        },
      },
    };
  },
};
