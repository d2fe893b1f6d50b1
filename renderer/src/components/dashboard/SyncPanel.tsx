import { useTranslation } from 'react-i18next';
import type { FloorFigures, StationFigures } from '../../../../src/workflows/dashboard/contract';
import { ageWords } from '../../format/replication-chip';
import { timeOfDay } from '../../format/time-of-day';
import { useStationView } from '../../state/context';
import { QuarantinePanel } from '../admin/QuarantinePanel';
import { Button } from '../Button';
import { useDashboardActions, useDashboardView } from './dashboard-context';

/**
 * Replication: this station's backlog, oldest unsent event, events central has not yet applied and
 * the quarantined ones (with the audit screen's retry/skip panel, opened here); and, when central
 * answered, every station's as central sees it.
 */
export function SyncPanel({ local, floor, now }: { local: StationFigures; floor: FloorFigures | null; now: number }) {
  const { t } = useTranslation();
  const actions = useDashboardActions();
  const showQuarantine = useDashboardView((v) => v.showQuarantine);
  const replication = useStationView((view) => view.state?.replication ?? null);
  const quarantined = replication?.quarantined ?? 0;
  const age = (at: string | null) => (at ? ageWords(now - Date.parse(at)) : '–');
  const items = [
    { id: 'backlog', label: t('dashboard.sync.backlog'), value: String(local.backlog.unsent) },
    { id: 'oldest', label: t('dashboard.sync.oldest'), value: local.backlog.unsent > 0 ? age(local.backlog.oldestUnsentAt) : '–' },
    { id: 'unprojected', label: t('dashboard.sync.unprojected'), value: replication?.unprojected ? String(replication.unprojected.count) : '–' },
    { id: 'quarantined', label: t('dashboard.sync.quarantined'), value: String(quarantined) },
  ];
  return (
    <section className="dash-panel" data-testid="sync-panel" aria-label={t('dashboard.sync.title')}>
      <h3 className="dash-panel__title">{t('dashboard.sync.title')}</h3>
      <div className="dash-sync">
        {items.map((i) => (
          <div key={i.id} className="dash-sync__item" data-testid={`sync-${i.id}`}><span className="dash-sync__value">{i.value}</span> {i.label}</div>
        ))}
        <Button tone={quarantined > 0 ? 'accent' : 'neutral'} icon="sync" onClick={actions.toggleQuarantine} testId="open-quarantine">
          {showQuarantine ? t('dashboard.sync.hideQuarantine') : t('dashboard.sync.showQuarantine')}
        </Button>
      </div>
      {showQuarantine && <QuarantinePanel />}
      {floor?.reachable && (
        <table className="admin-table dash-table" data-testid="floor-replication">
          <thead>
            <tr><th>{t('dashboard.sync.station')}</th><th>{t('dashboard.sync.lastIngest')}</th><th>{t('dashboard.sync.mark')}</th>
              <th>{t('dashboard.sync.stationBacklog')}</th><th>{t('dashboard.sync.unprojected')}</th><th>{t('dashboard.sync.quarantined')}</th></tr>
          </thead>
          <tbody>
            {floor.replication.map((s) => (
              <tr key={s.station} data-testid="floor-replication-row" data-station={s.station}>
                <td><strong>{s.station}</strong>{s.station === local.stationId && <span className="admin__muted"> {t('dashboard.sync.here')}</span>}</td>
                <td>{s.lastIngestAt ? `${timeOfDay(s.lastIngestAt)} (${age(s.lastIngestAt)})` : t('dashboard.sync.never')}</td>
                <td className="dash-num" data-testid="floor-replication-mark">{s.mark}</td>
                <td className="dash-num">{s.backlog ?? '–'}</td>
                <td className="dash-num">{s.unprojected}{s.oldestUnprojectedAt ? ` (${age(s.oldestUnprojectedAt)})` : ''}</td>
                <td className={s.deadLetters > 0 ? 'dash-num dash-bad' : 'dash-num'}>{s.deadLetters}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
