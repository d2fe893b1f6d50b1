import { useTranslation } from 'react-i18next';
import { useAdminActions } from '../../state/admin-context';
import type { UserRow } from '../../state/admin-controller';
import { PinPad } from '../session/PinPad';

/** A user's new PIN, typed on the on-screen keypad. Closes when the station took it. */
export function ResetPinDialog({ user, onClose }: { user: UserRow; onClose(): void }) {
  const { t } = useTranslation();
  const actions = useAdminActions();
  return (
    <div className="overlay" data-testid="reset-pin-dialog">
      <PinPad
        title={t('admin.newPinFor', { name: user.name })}
        submitLabel={t('admin.resetPin')}
        onSubmit={(pin) => void actions.resetPin(user.userId, pin).then((result) => { if (result?.outcome === 'good') onClose(); })}
        onCancel={onClose}
      />
    </div>
  );
}
