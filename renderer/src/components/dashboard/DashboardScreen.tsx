import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { timeOfDay } from '../../format/time-of-day';
import { useStationView } from '../../state/context';
import { Button } from '../Button';
import { Icon } from '../Icon';
import { useDashboardActions, useDashboardView } from './dashboard-context';
import { DevicesPanel } from './DevicesPanel';
import { shownFigures } from './figures';
import { KpiTiles } from './KpiTiles';
import { PackerTable } from './PackerTable';
import { ScansChart } from './ScansChart';
import { SyncPanel } from './SyncPanel';
import './dashboard.css';

type Tab = 'figures' | 'devices';

/**
 * The supervisor screen: the floor's figures from central, or this station's own when central does not
 * answer (and it says which, and as of when); and the devices and replication. Reads only.
 */
export function DashboardScreen() {
  const { t } = useTranslation();
  const actions = useDashboardActions();
  const { local, floor, devices, error } = useDashboardView((v) => v);
  const [tab, setTab] = useState<Tab>('figures');
  // no central configured is by design, not "unreachable"
  const offline = useStationView((view) => view.state?.replication?.state === 'not-configured');
  const shown = local ? shownFigures(local, floor, offline) : null;
  const now = shown ? Date.parse(shown.at) : Date.now();
  const source = shown ? t(`dashboard.source.${shown.source}`, { time: timeOfDay(shown.at).slice(0, 5) }) : t('dashboard.loading');
  const seriesLabel = (key: string | null, others: boolean) => {
    if (others) return t('dashboard.chart.others');
    if (shown?.source === 'floor') return key ?? t('dashboard.chart.floor');
    return key === null ? t('dashboard.chart.nobody') : local?.packers.find((p) => p.userId === key)?.name ?? key;
  };
  return (
    <main className="dash" data-testid="dashboard-screen">
      <div className="dash__bar">
        <h2 className="dash__title">{t('dashboard.title')}</h2>
        <div className="dash__tabs">
          <Button tone={tab === 'figures' ? 'accent' : 'neutral'} onClick={() => setTab('figures')} testId="dashboard-tab-figures">{t('dashboard.tabs.figures')}</Button>
          <Button tone={tab === 'devices' ? 'accent' : 'neutral'} onClick={() => setTab('devices')} testId="dashboard-tab-devices">{t('dashboard.tabs.devices')}</Button>
        </div>
        <Button icon="sync" onClick={() => void actions.refresh()} testId="dashboard-refresh">{t('dashboard.refresh')}</Button>
        <Button icon="back" onClick={actions.back} testId="dashboard-back">{t('dashboard.back')}</Button>
      </div>
      <p className="dash__sourceline">
        <span className={`dash__source dash__source--${shown?.source ?? 'local'}`} data-testid="dashboard-source" data-source={shown?.source ?? ''}>
          <Icon name={shown?.source === 'floor' ? 'cloud' : 'cloud-off'} /> {source}
        </span>
        {shown?.reason && <span className="dash__reason" data-testid="dashboard-reason">{t('dashboard.reason', { reason: shown.reason })}</span>}
      </p>
      {error && <p className="admin__error" data-testid="dashboard-error">{error}</p>}
      {shown && local && tab === 'figures' && (
        <>
          <KpiTiles shown={shown} now={now} />
          <div className="dash__row">
            <section className="dash-panel dash-panel--chart">
              <h3 className="dash-panel__title">{t(shown.source === 'floor' ? 'dashboard.chart.perStation' : 'dashboard.chart.perOperator')}</h3>
              <ScansChart hours={shown.hours} from={local.from} to={local.to} label={seriesLabel} yLabel={t('dashboard.chart.y')} />
            </section>
            <section className="dash-panel dash-panel--packers">
              <h3 className="dash-panel__title">{t('dashboard.packers.title')}</h3>
              <PackerTable packers={shown.packers} />
            </section>
          </div>
        </>
      )}
      {local && tab === 'devices' && (
        <div className="dash__row dash__row--devices">
          <DevicesPanel devices={devices} />
          <SyncPanel local={local} floor={floor} now={now} />
        </div>
      )}
    </main>
  );
}
