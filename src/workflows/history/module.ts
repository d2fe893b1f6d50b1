import { ForbiddenError } from '../../core/gate';
import { allows } from '../../core/permissions';
import type { CallContext, WorkflowModule } from '../../core/workflow';
import type { AuditView } from '../audit/view';
import { historyContract, type HistoryEventsQuery, type HistorySearch, type ShiftQuery } from './contract';
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
  dependsOn: ['container', 'bag', 'audit'],
  contract: historyContract,
  migrations: [historyMigration],
  createView: (db, deps) => createHistoryView(db, deps),
  start(kernel) {
    const history = kernel.views.history as HistoryView;
    return {
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
