import { useTranslation } from 'react-i18next';
import { useStationActions, useStationView } from '../../state/context';

/** The demo users' badges and PINs (demo default only: never in kiosk mode). A tap scans the badge. */
export function DemoUsers() {
  const { t } = useTranslation();
  const actions = useStationActions();
  const users = useStationView((view) => view.state?.slices.session.demoUsers);
  if (!users?.length) return null;
  return (
    <section className="demo-users" aria-label={t('demo.users')} data-testid="demo-users">
      <h3 className="demo-users__title">{t('demo.users')}</h3>
      <ul className="demo-users__list">
        {users.map((u) => (
          <li key={u.badge}>
            <button type="button" className="demo-users__badge" onClick={() => void actions.submitScan(u.badge, 'demo')} data-testid={`demo-user-${u.role}`}>
              <strong>{t(`roles.${u.role}`)}</strong> · {t('demo.badge')} {u.badge} · {t('demo.pin')} {u.pin}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
