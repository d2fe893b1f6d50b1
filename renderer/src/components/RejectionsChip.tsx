import { useTranslation } from 'react-i18next';
import { useAdminActions } from '../state/admin-context';
import { mayOpen } from '../state/admin-controller';
import { useStationView } from '../state/context';
import { Icon } from './Icon';

/**
 * "N central rejections": changes of this station that lost at central, or a login by a user central
 * had disabled, that no supervisor has marked seen. Shown to those who may open the audit screen (a
 * supervisor or an admin), only while there are some; pressing it opens the audit screen, where they
 * are listed.
 */
export function RejectionsChip() {
  const { t } = useTranslation();
  const admin = useAdminActions();
  const count = useStationView((view) => view.state?.replication?.unseenRejections ?? 0);
  const role = useStationView((view) => (view.state?.slices.session.status === 'active' ? view.state.slices.session.user?.role : null));
  if (count <= 0 || !mayOpen('audit', role)) return null;
  return (
    <button
      type="button" className="chip chip--bad chip--button" data-testid="rejections-chip" data-count={count}
      onClick={(event) => {
        // Like every button: no focus kept, or a scanner's trailing Enter would press it again.
        event.currentTarget.blur();
        admin.openAudit();
      }}
    >
      <Icon name="warning" />
      <span>{t('rejections.chip', { count })}</span>
    </button>
  );
}
