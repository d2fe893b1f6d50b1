import type { WorkflowModule } from '../../core/workflow';
import { historyContract, type HistoryEventsQuery, type HistorySearch } from './contract';
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
  dependsOn: ['container', 'bag'],
  contract: historyContract,
  migrations: [historyMigration],
  createView: (db, deps) => createHistoryView(db, deps),
  start(kernel) {
    const history = kernel.views.history as HistoryView;
    return {
      queries: {
        'history.search': (p: HistorySearch) => history.search(p.code),
        'history.events': (p: HistoryEventsQuery) => history.events(p),
      },
    };
  },
};
