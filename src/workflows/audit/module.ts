import type { z } from 'zod';
import type { WorkflowModule } from '../../core/workflow';
import { auditContract, type AuditQuery, type RejectionList } from './contract';
import { decideRejectionSeen } from './decide';
import { createAuditProjection } from './projection.sqlite';
import type { AuditView } from './view';
import { createAuditView } from './view.sqlite';

type Payload<T extends { payload: z.ZodType }> = z.output<T['payload']>;

/**
 * The audit trail: who did what, where, when and why, read from the local event log (newest first,
 * keyset pages); it reads `events` and `ref_users`. And the rejections central sent back
 * (`central_rejections`, written by the replication worker), which a supervisor marks seen: that is
 * its one event, `audit.rejection_seen`, projected into `seen_at`.
 */
export const auditModule: WorkflowModule = {
  id: 'audit',
  dependsOn: ['user'],
  contract: auditContract,
  createView: (db) => createAuditView(db),
  project: (db) => createAuditProjection(db),
  start(kernel) {
    const audit = kernel.views.audit as AuditView;
    return {
      commands: {
        'audit.rejection_seen': (p: Payload<typeof auditContract.commands['audit.rejection_seen']>, call) =>
          kernel.act(call, 'command', (views) => decideRejectionSeen(views.audit as AuditView, p.centralId)),
      },
      queries: {
        'audit.events': (query: AuditQuery) => audit.events(query),
        'audit.rejections': (p: Payload<typeof auditContract.queries['audit.rejections']>): RejectionList =>
          ({ rows: audit.rejections(p.limit), unseen: audit.unseenCount() }),
      },
    };
  },
};
