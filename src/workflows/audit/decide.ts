import { accept, refuse, type Decision } from '../../core/decision';
import type { AuditView } from './view';

const COMMAND = 'audit.rejection_seen';

/**
 * A supervisor marks a rejection from central as seen: `audit.rejection_seen`, which the projection
 * turns into `central_rejections.seen_at`. An id this station never received, or one already seen, is
 * refused in words (and so recorded, like every refusal).
 */
export function decideRejectionSeen(view: Pick<AuditView, 'rejection'>, centralId: number): Decision {
  const rejection = view.rejection(centralId);
  if (!rejection) return refuse(COMMAND, 'command', `No rejection ${centralId} from central at this station`);
  const what = `${rejection.eventType} #${rejection.seq}`;
  if (rejection.seenAt !== null) return refuse(COMMAND, 'command', `The rejection of ${what} was already marked seen (${rejection.seenAt})`);
  return accept(`Rejection of ${what} marked seen`, [{
    type: 'audit.rejection_seen',
    payload: { centralId, seq: rejection.seq, type: rejection.eventType, reason: rejection.reason },
  }]);
}
