import { useTranslation } from 'react-i18next';
import type { DeviceHealth } from '../../api';
import { timeOfDay } from '../../format/time-of-day';
import { words } from '../DeviceChips';
import { Icon } from '../Icon';

/** Each scanner, scale and label printer: its status in words, when it last did anything, how often it failed and came back, and why. */
export function DevicesPanel({ devices }: { devices: readonly DeviceHealth[] }) {
  const { t } = useTranslation();
  const statusWords = words(t);
  return (
    <section className="dash-panel" data-testid="devices-panel" aria-label={t('dashboard.devices.title')}>
      <h3 className="dash-panel__title">{t('dashboard.devices.title')}</h3>
      {devices.length === 0 ? <p className="admin__empty">{t('dashboard.devices.none')}</p> : (
        <table className="admin-table dash-table">
          <thead>
            <tr><th>{t('dashboard.devices.device')}</th><th>{t('dashboard.devices.status')}</th><th>{t('dashboard.devices.last')}</th>
              <th>{t('dashboard.devices.errors')}</th><th>{t('dashboard.devices.reconnects')}</th><th>{t('dashboard.devices.problem')}</th></tr>
          </thead>
          <tbody>
            {devices.map((d) => (
              <tr key={d.deviceId} data-testid="device-health-row" data-device={d.deviceId} data-status={d.status} data-ok={d.ok}>
                <td><strong>{d.deviceId}</strong><div className="admin__muted">{t(`dashboard.devices.kinds.${d.kind}`)}</div></td>
                <td className={d.ok ? 'dash-ok' : 'dash-bad'} data-testid="device-health-status">
                  <Icon name={d.ok ? 'good' : 'warning'} /> {statusWords[d.status]}
                  <div className="admin__muted">{t('dashboard.devices.since', { time: timeOfDay(d.since) })}</div>
                </td>
                <td className="dash-num">{timeOfDay(d.lastEventAt)}</td>
                <td className="dash-num" data-testid="device-health-errors">{d.errors}</td>
                <td className="dash-num" data-testid="device-health-reconnects">{d.reconnects}</td>
                <td data-testid="device-health-problem">{d.lastProblem
                  ? <><span className="admin__time">{timeOfDay(d.lastProblem.at)}</span> {d.lastProblem.message}</>
                  : <span className="admin__muted">{t('dashboard.devices.noProblem')}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
