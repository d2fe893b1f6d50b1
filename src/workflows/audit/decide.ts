import { accept, refuse, type Decision } from '../../core/decision';
import type { DeadLetterOutcome } from '../../core/central-port';
import type { ResolveQuarantined } from './contract';
import type { AuditView } from './view';

const COMMAND = 'audit.rejection_seen';
const RESOLVE = 'audit.resolve_quarantined';

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

/**
 * What central answered to a supervisor's retry or skip, as the event that records it (central
 * audits it too, in its dead_letter_actions). A retry that failed again is recorded as well, refused
 * on screen with central's error, so the supervisor sees why and can skip it instead.
 */
export function decideQuarantineResolved(request: ResolveQuarantined, outcome: DeadLetterOutcome): Decision {
  const what = `${request.kind} dead letter ${request.id}`;
  const event = { type: 'audit.quarantine_resolved', payload: { ...request, outcome: outcome.status, error: outcome.error } };
  if (outcome.status === 'open') {
    const refusal = refuse(RESOLVE, 'command', `Central could not apply ${what} again: ${outcome.error ?? 'no reason given'}`);
    return { ...refusal, events: [...refusal.events, event] };
  }
  return accept(outcome.status === 'retried' ? `Central applied ${what} again` : `Central skipped ${what}`, [event]);
}

/** Central refused the decision or could not be reached: nothing changed there; the refusal is recorded. */
export function decideQuarantineRefused(request: ResolveQuarantined, why: string): Decision {
  return refuse(RESOLVE, 'command', `Cannot ${request.action} ${request.kind} dead letter ${request.id}: ${why}`);
}
