import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReplicationSummary } from '../../api';
import { useAdminActions } from '../../state/admin-context';
import { dateTime } from '../../state/admin-controller';
import { useStationView } from '../../state/context';
import { Button } from '../Button';
import { ReasonDialog } from '../ReasonDialog';

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
      {deciding && <QuarantineReason decision={deciding} onClose={() => setDeciding(null)} />}
    </section>
  );
}

/** The reason for a retry or skip. */
function QuarantineReason({ decision, onClose }: { decision: Decision; onClose: () => void }) {
  const { t } = useTranslation();
  const actions = useAdminActions();
  const { row, action } = decision;
  return (
    <ReasonDialog
      title={<>{t(`quarantine.${action}`)}: <code>{row.type}</code> #{row.seq}</>}
      reasons={REASONS.map((key) => ({ key, words: t(`quarantine.reasons.${key}`) }))}
      legend={t('quarantine.reason')} otherLabel={t('quarantine.other')} confirmLabel={t('quarantine.confirm')} cancelLabel={t('quarantine.cancel')}
      testId="quarantine" onClose={onClose}
      onSubmit={(reason) => void actions.resolveQuarantined({ action, kind: row.kind, id: row.id, reason })}
    />
  );
}
