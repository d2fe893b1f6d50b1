import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReplicationSummary } from '../../api';
import { useAdminActions } from '../../state/admin-context';
import { dateTime } from '../../state/admin-controller';
import { useStationView } from '../../state/context';
import { Button } from '../Button';

type Quarantined = NonNullable<ReplicationSummary['quarantine']>[number];
type Decision = { row: Quarantined; action: 'retry' | 'skip' };

const REASONS = ['fixed', 'garbled', 'duplicate'] as const;

/**
 * This station's events central set aside (dead letters of ingest or projection), from the
 * replication status. A supervisor retries or skips each one with a reason; central decides and
 * audits it, and the answer stays on screen until acknowledged.
 */
export function QuarantinePanel() {
  const { t } = useTranslation();
  const replication = useStationView((view) => view.state?.replication ?? null);
  const [deciding, setDeciding] = useState<Decision | null>(null);
  const rows = replication?.quarantine ?? [];
  return (
    <section className="rejections" data-testid="quarantine-panel" aria-label={t('quarantine.title')} data-count={rows.length}>
      <h3 className="rejections__title">{t('quarantine.title')}</h3>
      {!replication || replication.state === 'not-configured' ? <p className="admin__empty">{t('quarantine.noCentral')}</p>
        : rows.length === 0 ? <p className="admin__empty" data-testid="quarantine-empty">{t('quarantine.none')}</p> : (
          <div className="rejections__scroll">
            <table className="admin-table">
              <thead><tr><th>{t('quarantine.what')}</th><th>{t('quarantine.when')}</th><th>{t('quarantine.error')}</th><th /></tr></thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={`${row.kind}-${row.id}`} data-testid="quarantine-row" data-kind={row.kind} data-id={row.id} data-seq={row.seq}>
                    <td><code className="admin__mono">{row.type}</code> <span className="admin__id">#{row.seq}</span>
                      <div className="admin__muted">{t(`quarantine.kinds.${row.kind}`)}</div></td>
                    <td className="admin__time">{dateTime(row.at) || row.at}</td>
                    <td><div className="admin__summary" title={row.error}>{row.error}</div></td>
                    <td>
                      <Button tone="accent" icon="sync" onClick={() => setDeciding({ row, action: 'retry' })} testId="quarantine-retry">{t('quarantine.retry')}</Button>
                      <Button icon="back" onClick={() => setDeciding({ row, action: 'skip' })} testId="quarantine-skip">{t('quarantine.skip')}</Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      {deciding && <ReasonDialog decision={deciding} onClose={() => setDeciding(null)} />}
    </section>
  );
}

/** The reason for a retry or skip: one of the usual ones at a touch, or typed. */
function ReasonDialog({ decision, onClose }: { decision: Decision; onClose: () => void }) {
  const { t } = useTranslation();
  const actions = useAdminActions();
  const [reason, setReason] = useState('');
  const { row, action } = decision;
  const send = async () => {
    onClose();
    await actions.resolveQuarantined({ action, kind: row.kind, id: row.id, reason: reason.trim() });
  };
  return (
    <div className="overlay">
      <div className="override" data-testid="quarantine-dialog" data-action={action}>
        <h2 className="override__title">{t(`quarantine.${action}`)}: <code>{row.type}</code> #{row.seq}</h2>
        <fieldset className="override__reasons">
          <legend>{t('quarantine.reason')}</legend>
          {REASONS.map((key) => (
            <button key={key} type="button" className={`override__reason${reason === t(`quarantine.reasons.${key}`) ? ' override__reason--on' : ''}`}
              onClick={() => setReason(t(`quarantine.reasons.${key}`))} data-testid={`quarantine-reason-${key}`}>{t(`quarantine.reasons.${key}`)}</button>
          ))}
          <input className="override__other" aria-label={t('quarantine.other')} placeholder={t('quarantine.other')} maxLength={500}
            value={REASONS.some((k) => t(`quarantine.reasons.${k}`) === reason) ? '' : reason} onChange={(e) => setReason(e.target.value)}
            data-testid="quarantine-reason-other" />
        </fieldset>
        <div className="admin__bar">
          <Button size="primary" tone="accent" icon="good" disabled={reason.trim().length === 0} onClick={() => void send()} testId="quarantine-confirm">
            {t('quarantine.confirm')}
          </Button>
          <Button icon="back" onClick={onClose} testId="quarantine-cancel">{t('quarantine.cancel')}</Button>
        </div>
      </div>
    </div>
  );
}
