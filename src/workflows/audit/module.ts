import type { z } from 'zod';
import type { WorkflowModule } from '../../core/workflow';
import { auditContract, type AuditQuery, type RejectionList, type ResolveQuarantined } from './contract';
import { decideQuarantineRefused, decideQuarantineResolved, decideRejectionSeen } from './decide';
import { createAuditProjection } from './projection.sqlite';
import type { AuditView } from './view';
import { createAuditView } from './view.sqlite';

type Payload<T extends { payload: z.ZodType }> = z.output<T['payload']>;

/**
 * The audit trail: who did what, where, when and why, read from the local event log (newest first,
 * keyset pages); it reads `events` and `ref_users`. And the rejections central sent back
 * (`central_rejections`, written by the replication worker), which a supervisor marks seen: that is
 * its event `audit.rejection_seen`, projected into `seen_at`. And the events central quarantined (dead
 * letters, listed in the replication summary): a supervisor retries or skips one at central, with a
 * reason, and the station records central's answer as `audit.quarantine_resolved`.
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
        // central decides first (it holds the dead letter); the station then records what it answered
        'audit.resolve_quarantined': async (p: ResolveQuarantined, call) => {
          const central = kernel.central;
          if (!central) return kernel.act(call, 'command', () => decideQuarantineRefused(p, 'this station replicates to no central database'));
          const who = call.actor ? `${call.actor.name} (${call.actor.userId})` : 'unknown';
          try {
            const outcome = await central.resolveDeadLetter({ ...p, who });
            return kernel.act(call, 'command', () => decideQuarantineResolved(p, outcome));
          } catch (err) {
            return kernel.act(call, 'command', () => decideQuarantineRefused(p, (err as Error).message));
          }
        },
      },
      queries: {
        'audit.events': (query: AuditQuery) => audit.events(query),
        'audit.rejections': (p: Payload<typeof auditContract.queries['audit.rejections']>): RejectionList =>
          ({ rows: audit.rejections(p.limit), unseen: audit.unseenCount() }),
      },
    };
  },
};
