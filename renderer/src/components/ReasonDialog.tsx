import { useState, type ReactNode } from 'react';
import { Button } from './Button';

export interface ReasonDialogProps {
  title: ReactNode;
  /** The usual reasons, in the kiosk's language, each one touch. */
  reasons: ReadonlyArray<{ key: string; words: string }>;
  legend: string;
  otherLabel: string;
  confirmLabel: string;
  cancelLabel: string;
  /** Prefix of the test ids: `<prefix>-dialog`, `<prefix>-reason-<key>`, `<prefix>-reason-other`, `<prefix>-confirm`, `<prefix>-cancel`. */
  testId: string;
  onSubmit(reason: string): void;
  onClose(): void;
}

/** Asks why, before an action that needs a reason: one of the usual ones at a touch, or typed. */
export function ReasonDialog(props: ReasonDialogProps) {
  const [reason, setReason] = useState('');
  const { reasons, testId } = props;
  const picked = reasons.some((r) => r.words === reason);
  return (
    <div className="overlay">
      <div className="override" data-testid={`${testId}-dialog`}>
        <h2 className="override__title">{props.title}</h2>
        <fieldset className="override__reasons">
          <legend>{props.legend}</legend>
          {reasons.map((r) => (
            <button key={r.key} type="button" className={`override__reason${reason === r.words ? ' override__reason--on' : ''}`}
              onClick={() => setReason(r.words)} data-testid={`${testId}-reason-${r.key}`}>{r.words}</button>
          ))}
          <input className="override__other" aria-label={props.otherLabel} placeholder={props.otherLabel} maxLength={500}
            value={picked ? '' : reason} onChange={(e) => setReason(e.target.value)} data-testid={`${testId}-reason-other`} />
        </fieldset>
        <div className="admin__bar">
          <Button size="primary" tone="accent" icon="good" disabled={reason.trim().length === 0} testId={`${testId}-confirm`}
            onClick={() => { props.onClose(); props.onSubmit(reason.trim()); }}>
            {props.confirmLabel}
          </Button>
          <Button icon="back" onClick={props.onClose} testId={`${testId}-cancel`}>{props.cancelLabel}</Button>
        </div>
      </div>
    </div>
  );
}
