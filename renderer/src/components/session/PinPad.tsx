import { useState } from 'react';
import { useTranslation } from 'react-i18next';

interface PinPadProps {
  title: string;
  /** The station's last answer for this keypad (e.g. "Wrong PIN (2 of 5)"). */
  error?: string | null;
  onSubmit(pin: string): void;
  onCancel?(): void;
  /** Extra content between the dots and the keys (the override's reason picker). */
  children?: React.ReactNode;
  submitLabel?: string;
  canSubmit?: boolean;
}

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];
const MAX_DIGITS = 8;

/**
 * An on-screen numeric keypad (keys of at least 64 px; no physical keyboard needed). The digits typed
 * are shown as dots only and leave the page only as the one `session.pin` / `override.approve` request.
 */
export function PinPad({ title, error, onSubmit, onCancel, children, submitLabel, canSubmit = true }: PinPadProps) {
  const { t } = useTranslation();
  const [pin, setPin] = useState('');
  const press = (digit: string) => setPin((p) => (p.length < MAX_DIGITS ? p + digit : p));
  const submit = () => {
    if (pin.length < 4 || !canSubmit) return;
    const entered = pin;
    setPin('');
    onSubmit(entered);
  };
  return (
    <div className="pinpad" role="dialog" aria-modal="true" aria-labelledby="pinpad-title" data-testid="pinpad">
      <h2 id="pinpad-title" className="pinpad__title">{title}</h2>
      <p className="pinpad__dots" aria-label={t('login.enterPin')} data-testid="pin-dots">{'●'.repeat(pin.length) || ' '}</p>
      {error && <p className="pinpad__error" role="alert" data-testid="pin-error">{error}</p>}
      {children}
      <div className="pinpad__keys">
        {KEYS.map((k) => <button key={k} type="button" className="pinpad__key" aria-label={`PIN digit ${k}`} onClick={() => press(k)}>{k}</button>)}
        <button type="button" className="pinpad__key pinpad__key--aux" aria-label={t('login.clear')} onClick={() => setPin('')}>{t('login.clear')}</button>
        <button type="button" className="pinpad__key" aria-label="PIN digit 0" onClick={() => press('0')}>0</button>
        <button type="button" className="pinpad__key pinpad__key--aux" aria-label={t('login.backspace')} onClick={() => setPin((p) => p.slice(0, -1))}>⌫</button>
      </div>
      <div className="pinpad__actions">
        {onCancel && <button type="button" className="pinpad__action" data-testid="pin-cancel" onClick={onCancel}>{t('login.cancel')}</button>}
        <button type="button" className="pinpad__action pinpad__action--go" aria-label="Submit PIN" data-testid="pin-submit" disabled={pin.length < 4 || !canSubmit} onClick={submit}>{submitLabel ?? t('login.submit')}</button>
      </div>
    </div>
  );
}
