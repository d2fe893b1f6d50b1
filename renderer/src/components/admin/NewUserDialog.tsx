import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../api';
import { useAdminActions } from '../../state/admin-context';
import { PinPad } from '../session/PinPad';

/** Name, role, badge and a PIN on the keypad; "Create user" sends them. Closes when the station created the user. */
export function NewUserDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const actions = useAdminActions();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('packer');
  const [badge, setBadge] = useState('');
  const ready = name.trim() !== '' && badge.trim() !== '';
  const create = (pin: string) => {
    void actions.createUser({ name: name.trim(), role, badge: badge.trim(), pin }).then((result) => {
      if (result?.outcome === 'good') onClose();
    });
  };
  return (
    <div className="overlay" data-testid="new-user-dialog">
      <div className="admin-dialog" role="dialog" aria-modal="true" aria-labelledby="new-user-title">
        <h2 id="new-user-title" className="admin-dialog__title">{t('admin.create')}</h2>
        <div className="admin-dialog__fields">
          <label className="admin__field">
            <span>{t('admin.name')}</span>
            <input className="admin__input" value={name} onChange={(e) => setName(e.target.value)} maxLength={80} autoComplete="off" spellCheck={false} data-testid="new-user-name" />
          </label>
          <label className="admin__field">
            <span>{t('admin.role')}</span>
            <select className="admin__input" value={role} onChange={(e) => setRole(e.target.value as Role)} data-testid="new-user-role">
              {ROLES.map((r) => <option key={r} value={r}>{t(`roles.${r}`)}</option>)}
            </select>
          </label>
          <label className="admin__field">
            <span>{t('admin.badge')}</span>
            <input className="admin__input" value={badge} onChange={(e) => setBadge(e.target.value)} maxLength={64} autoComplete="off" spellCheck={false} data-testid="new-user-badge" />
          </label>
        </div>
        <PinPad title={t('admin.newUserPin')} submitLabel={t('admin.createSubmit')} canSubmit={ready} onSubmit={create} onCancel={onClose} />
      </div>
    </div>
  );
}
