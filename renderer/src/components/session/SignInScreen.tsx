import { useTranslation } from 'react-i18next';
import { useStationActions, useStationView } from '../../state/context';
import { DemoPanel } from '../DemoPanel';
import { DemoUsers } from './DemoUsers';
import { PinPad } from './PinPad';

/**
 * What the station shows while nobody may scan: "Scan your badge to start", the PIN keypad once a badge
 * was read, or the lock screen (the same user's PIN alone resumes; another badge is a quick switch).
 * The open work stays behind it untouched.
 */
export function SignInScreen() {
  const { t } = useTranslation();
  const actions = useStationActions();
  const session = useStationView((view) => view.state?.slices.session);
  if (!session) return null;
  const prompt = session.pinPrompt;
  const locked = session.status === 'locked';
  return (
    <div className="page signin" data-testid="signin-screen" data-status={session.status}>
      <main className="signin__main">
        {prompt ? (
          <PinPad
            title={prompt.purpose === 'resume' ? t('lock.resumeAs', { name: prompt.name }) : t('login.pinFor', { name: prompt.name })}
            error={prompt.error}
            onSubmit={(pin) => void actions.submitPin(pin)}
            onCancel={locked ? undefined : () => void actions.cancelPin()}
          />
        ) : (
          <h2 className="signin__title" data-testid="signin-title">{t('login.scanBadge')}</h2>
        )}
        {locked && <p className="signin__hint" data-testid="lock-hint">{t('lock.locked')} · {t('lock.switchUser')}</p>}
      </main>
      <DemoUsers />
      <DemoPanel />
    </div>
  );
}
