import { useTranslation } from 'react-i18next';
import { useAdminActions, useAdminView } from '../../state/admin-context';
import { mayOpen } from '../../state/admin-controller';
import { useStationView } from '../../state/context';
import { shiftSubject } from '../../state/shift-controller';
import { Button } from '../Button';
import { Icon } from '../Icon';
import { HistoryTable } from './HistoryTable';
import '../admin/admin.css';
import './search.css';

/**
 * A shift's history: what the signed-in user did this shift, newest first, **Older** page by page. A
 * supervisor or admin picks another user; the core refuses that to anyone else, and says so here.
 */
export function ShiftScreen() {
  const { t } = useTranslation();
  const actions = useAdminActions();
  const shift = useAdminView((view) => view.shift);
  const me = useStationView((view) => (view.state?.slices.session.status === 'active' ? view.state.slices.session.user : null));
  const mayPick = mayOpen('audit', me?.role);
  const rows = shift.rows.map((row) => ({ ...row, ...shiftSubject(row) }));
  const whose = shift.userId === null ? me?.name : shift.users.find((u) => u.userId === shift.userId)?.name ?? shift.userId;

  return (
    <div className="page admin search shift" data-testid="shift-screen" data-user={shift.userId ?? me?.userId ?? ''}>
      <div className="admin__bar">
        <h2 className="admin__title">{shift.userId === null ? t('shift.title') : t('shift.titleOf', { name: whose })}</h2>
        {mayPick && (
          <label className="admin__field shift__picker">
            <span>{t('shift.user')}</span>
            <select className="admin__input" value={shift.userId ?? ''} onChange={(e) => void actions.pickShiftUser(e.target.value || null)} data-testid="shift-user">
              <option value="">{t('shift.mine', { name: me?.name ?? '' })}</option>
              {shift.users.filter((u) => u.userId !== me?.userId).map((u) => <option key={u.userId} value={u.userId}>{u.name} ({u.userId})</option>)}
            </select>
          </label>
        )}
        <Button size="primary" icon="back" onClick={actions.backFromShift} testId="shift-back">{shift.returnTo === 'search' ? t('shift.backToSearch') : t('admin.back')}</Button>
      </div>
      {shift.error ? <p className="admin__error" role="alert" data-testid="shift-error"><Icon name="warning" /> {t('shift.failed', { error: shift.error })}</p>
        : <HistoryTable rows={rows} columns="code" empty={shift.loading ? t('shift.loading') : t('shift.empty')} />}
      <div className="admin__pager">
        {shift.cursors.length > 1 && <Button size="primary" onClick={() => void actions.newestShift()} testId="history-newest">{t('search.newest')}</Button>}
        <span data-testid="shift-page">{t('admin.page', { page: shift.cursors.length })}</span>
        {shift.next !== null && <Button size="primary" onClick={() => void actions.olderShift()} testId="history-older">{t('search.older')}</Button>}
      </div>
    </div>
  );
}
