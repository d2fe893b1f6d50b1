import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStationActions, useStationView } from '../../state/context';
import { PinPad } from './PinPad';

const REASONS = ['wrongItem', 'damagedBag', 'customerRequest'] as const;

/**
 * The supervisor prompt: an action was refused for lack of a right. A supervisor scans their badge, then
 * enters their PIN and picks or types a reason; the action and the approval commit together.
 */
export function OverrideDialog() {
  const { t } = useTranslation();
  const actions = useStationActions();
  const prompt = useStationView((view) => view.state?.prompt ?? null);
  const [reason, setReason] = useState('');
  if (!prompt) return null;
  return (
    <div className="overlay">
      <div className="override" data-testid="override-dialog" data-stage={prompt.stage}>
        <h2 className="override__title">{t('override.title')}</h2>
        <p className="override__what">{prompt.action} · {prompt.requestedBy}</p>
        {prompt.error && <p className="override__error" role="alert" data-testid="override-error">{prompt.error}</p>}
        {prompt.stage === 'badge' ? (
          <>
            <p className="override__ask" data-testid="override-ask">{t('override.scanBadge')}</p>
            <button type="button" className="pinpad__action" data-testid="override-cancel" onClick={() => void actions.cancelOverride()}>{t('override.cancel')}</button>
          </>
        ) : (
          <div className="override__body">
            <fieldset className="override__reasons">
              <legend>{t('override.reason')}</legend>
              {REASONS.map((key) => (
                <button key={key} type="button" className={`override__reason${reason === t(`override.reasons.${key}`) ? ' override__reason--on' : ''}`}
                  onClick={() => setReason(t(`override.reasons.${key}`))} data-testid={`override-reason-${key}`}>{t(`override.reasons.${key}`)}</button>
              ))}
              <input className="override__other" aria-label={t('override.reasons.other')} placeholder={t('override.reasons.other')} value={REASONS.some((k) => t(`override.reasons.${k}`) === reason) ? '' : reason}
                onChange={(e) => setReason(e.target.value)} data-testid="override-reason-other" maxLength={200} />
            </fieldset>
            <PinPad
              title={`${t('override.enterPin')}: ${prompt.supervisor ?? ''}`}
              submitLabel={t('override.approve')}
              canSubmit={reason.trim().length > 0}
              onSubmit={(pin) => void actions.approveOverride(pin, reason.trim())}
              onCancel={() => void actions.cancelOverride()}
            />
          </div>
        )}
      </div>
    </div>
  );
}
