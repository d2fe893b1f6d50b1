import { useTranslation } from 'react-i18next';
import { useAdminActions, useAdminView } from '../../state/admin-context';
import { Button } from '../Button';
import { Icon } from '../Icon';

/**
 * The station's answer to the last admin action. A good one stays until the next action; a refusal or
 * a request that failed stays until OK is pressed (a refusal is also in the station's error dialog).
 */
export function AdminNotice() {
  const { t } = useTranslation();
  const actions = useAdminActions();
  const notice = useAdminView((view) => view.notice);
  if (!notice) return null;
  const good = notice.kind === 'result' && notice.outcome === 'good';
  return (
    <div className={`admin__notice admin__notice--${good ? 'good' : 'bad'}`} role={good ? 'status' : 'alert'} data-testid="admin-notice" data-outcome={good ? 'good' : 'bad'}>
      <Icon name={good ? 'good' : notice.kind === 'error' ? 'warning' : 'bad'} />
      <span className="admin__notice-text" data-testid="admin-notice-message">
        {notice.kind === 'error' ? t('admin.failed', { error: notice.message }) : notice.message}
      </span>
      {!good && <Button tone="danger" icon="good" onClick={actions.ackNotice} testId="admin-notice-ok">{t('admin.ok')}</Button>}
    </div>
  );
}
