import { useTranslation } from 'react-i18next';
import { useStationActions, useStationView } from '../../state/context';
import { Button } from '../Button';

/** Who is signed in, with Lock and Sign out. */
export function SessionBar() {
  const { t } = useTranslation();
  const actions = useStationActions();
  const user = useStationView((view) => (view.state?.slices.session.status === 'active' ? view.state.slices.session.user : null));
  if (!user) return null;
  return (
    <div className="session-bar" data-testid="session-bar">
      <span className="session-bar__user" data-testid="signed-in-as">{t('session.signedInAs', { name: user.name, role: t(`roles.${user.role}`) })}</span>
      <Button tone="quiet" onClick={() => void actions.lock()} testId="session-lock">{t('session.lock')}</Button>
      <Button tone="quiet" onClick={() => void actions.logout()} testId="session-logout">{t('session.logout')}</Button>
    </div>
  );
}
