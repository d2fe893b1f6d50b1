import { translate, type Translate } from '../i18n';

/** What the audit screen needs of a rejection from central to say why it was rejected. */
export interface RejectionReasonInput {
  reason: string;
  winnerStation: string | null;
}

/**
 * Why central rejected a change, in the supervisor's words and the kiosk's language: one sentence per
 * reason code central knows (docs/central.md), naming the winning station where it matters. A code
 * this kiosk does not know yet is shown as it came.
 */
export function rejectionReason(rejection: RejectionReasonInput, t: Translate = translate): string {
  const station = rejection.winnerStation ?? t('rejections.anotherStation');
  switch (rejection.reason) {
    case 'user_overwritten': return t('rejections.reasons.userOverwritten', { station });
    case 'user_disabled': return t('rejections.reasons.userDisabled');
    case 'badge_taken': return t('rejections.reasons.badgeTaken');
    case 'child_linked_elsewhere': return t('rejections.reasons.childLinkedElsewhere', { station });
    case 'child_already_linked': return t('rejections.reasons.childAlreadyLinked');
    case 'parent_closed': return t('rejections.reasons.parentClosed');
    case 'bag_already_closed': return t('rejections.reasons.bagAlreadyClosed');
    case 'closed_elsewhere': return t('rejections.reasons.closedElsewhere', { station });
    case 'child_moved_elsewhere': return t('rejections.reasons.childMovedElsewhere', { station });
    case 'projection_failed': return t('rejections.reasons.projectionFailed');
    case 'stock_negative': return t('manifest.rejections.stockNegative');
    case 'manifest_differs': return t('manifest.rejections.manifestDiffers');
    default: return t('rejections.reasons.other', { reason: rejection.reason });
  }
}
