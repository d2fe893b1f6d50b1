import type { WorkflowModule } from '../../core/workflow';
import { auditContract, type AuditQuery } from './contract';
import type { AuditView } from './view';
import { createAuditView } from './view.sqlite';

/**
 * The audit trail: who did what, where, when and why, read from the local event log (newest first,
 * keyset pages). It records nothing and projects nothing; it reads `events` and `ref_users`.
 */
export const auditModule: WorkflowModule = {
  id: 'audit',
  dependsOn: ['user'],
  contract: auditContract,
  createView: (db) => createAuditView(db),
  start(kernel) {
    const audit = kernel.views.audit as AuditView;
    return {
      queries: {
        'audit.events': (query: AuditQuery) => audit.events(query),
      },
    };
  },
};
