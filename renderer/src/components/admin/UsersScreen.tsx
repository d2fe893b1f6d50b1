import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../api';
import { timeOfDay } from '../../format/time-of-day';
import { useAdminActions, useAdminView } from '../../state/admin-context';
import type { UserRow } from '../../state/admin-controller';
import { Button } from '../Button';
import { Icon } from '../Icon';
import { AdminNotice } from './AdminNotice';
import { NewUserDialog } from './NewUserDialog';
import { ResetPinDialog } from './ResetPinDialog';
import './admin.css';

type Dialog = { kind: 'new' } | { kind: 'pin'; user: UserRow } | null;

/** The admin's users: search, keyset pages, and per user Disable/Enable, Reset PIN, Change role, Unlock. */
export function UsersScreen() {
  const { t } = useTranslation();
  const actions = useAdminActions();
  const users = useAdminView((view) => view.users);
  const [search, setSearch] = useState(users.search);
  const [dialog, setDialog] = useState<Dialog>(null);
  const page = users.cursors.length;

  return (
    <div className="page admin" data-testid="users-screen">
      <div className="admin__bar">
        <h2 className="admin__title">{t('admin.users')}</h2>
        <form className="admin__search" role="search" onSubmit={(e) => { e.preventDefault(); void actions.searchUsers(search.trim()); }}>
          <input
            type="search" className="admin__input" aria-label={t('admin.search')} placeholder={t('admin.searchPlaceholder')}
            value={search} onChange={(e) => { setSearch(e.target.value); void actions.searchUsers(e.target.value.trim()); }}
            autoComplete="off" spellCheck={false} data-testid="users-search"
          />
          <Button type="submit" testId="users-search-submit">{t('admin.search')}</Button>
        </form>
        <Button tone="accent" onClick={() => setDialog({ kind: 'new' })} testId="user-new">{t('admin.create')}</Button>
        <Button size="primary" icon="back" onClick={actions.backToScanning} testId="admin-back">{t('admin.back')}</Button>
      </div>
      <AdminNotice />
      {users.error && <p className="admin__error" role="alert" data-testid="users-error"><Icon name="warning" /> {t('admin.loadFailed', { error: users.error })}</p>}
      <div className="admin__scroll">
        {users.rows.length === 0 && !users.error ? <p className="admin__empty" data-testid="users-empty">{t('admin.empty')}</p> : (
          <table className="admin-table" data-testid="users-table">
            <thead>
              <tr><th>{t('admin.name')}</th><th>{t('admin.role')}</th><th>{t('admin.badge')}</th><th>{t('admin.status')}</th><th>{t('admin.actions')}</th></tr>
            </thead>
            <tbody>
              {users.rows.map((user) => {
                const lockedUntil = users.lockedUntil[user.userId];
                return (
                  <tr key={user.userId} data-testid="user-row" data-user-id={user.userId} data-active={user.active}>
                    <td><strong data-testid="user-name">{user.name}</strong><br /><span className="admin__id">{user.userId}</span></td>
                    <td data-testid="user-role">{t(`roles.${user.role}`)}</td>
                    <td className="admin__mono" data-testid="user-badge">{user.badge ?? '—'}</td>
                    <td data-testid="user-status">
                      {user.active ? <><Icon name="good" /> {t('admin.active')}</> : <><Icon name="bad" /> {t('admin.disabled')}</>}
                      {lockedUntil && <div className="admin__locked" data-testid="user-locked"><Icon name="warning" /> {t('admin.lockedUntil', { time: timeOfDay(lockedUntil) })}</div>}
                    </td>
                    <td>
                      <div className="admin__row-actions">
                        {user.active
                          ? <Button tone="danger" onClick={() => void actions.disableUser(user.userId)} testId="user-disable">{t('admin.disable')}</Button>
                          : <Button onClick={() => void actions.enableUser(user.userId)} testId="user-enable">{t('admin.enable')}</Button>}
                        <Button onClick={() => setDialog({ kind: 'pin', user })} testId="user-reset-pin">{t('admin.resetPin')}</Button>
                        <label className="admin__inline-field">
                          <span>{t('admin.changeRole')}</span>
                          <select
                            className="admin__input" aria-label={t('admin.roleOf', { name: user.name })} value={user.role}
                            onChange={(e) => void actions.changeRole(user.userId, e.target.value as Role)} data-testid="user-change-role"
                          >
                            {ROLES.map((r) => <option key={r} value={r}>{t(`roles.${r}`)}</option>)}
                          </select>
                        </label>
                        {lockedUntil && <Button tone="accent" onClick={() => void actions.unlockUser(user.userId)} testId="user-unlock">{t('admin.unlock')}</Button>}
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </div>
      <div className="admin__pager">
        <Button icon="back" disabled={page <= 1} onClick={() => void actions.previousUsersPage()} testId="users-previous">{t('admin.previous')}</Button>
        <span data-testid="users-page">{t('admin.page', { page })}</span>
        <Button disabled={users.next === null} onClick={() => void actions.nextUsersPage()} testId="users-next">{t('admin.next')}</Button>
      </div>
      {dialog?.kind === 'new' && <NewUserDialog onClose={() => setDialog(null)} />}
      {dialog?.kind === 'pin' && <ResetPinDialog user={dialog.user} onClose={() => setDialog(null)} />}
    </div>
  );
}
