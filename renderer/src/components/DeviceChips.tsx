import { useTranslation } from 'react-i18next';
import { useStationView } from '../state/context';
import type { DeviceStatus } from '../api';
import type { Translate } from '../i18n';
import { Icon } from './Icon';

export const words = (t: Translate): Record<DeviceStatus['status'], string> => ({
  connected: t('devices.connected'),
  disconnected: t('devices.disconnected'),
  'not-in-hid-pos-mode': t('devices.notInHidPosMode'),
  'permission-denied': t('devices.permissionDenied'),
  error: t('devices.error'),
  unstable: t('devices.unstable'),
  overload: t('devices.overload'),
  underload: t('devices.underload'),
  'no-reply': t('devices.noReply'),
  'not-ready': t('devices.notReady'),
});

/** The label printer (the label step's slice) as one more device; its detail says why it is not ready. */
function withPrinter(devices: DeviceStatus[] | undefined, printer: { status: DeviceStatus['status']; detail: string; target: string } | undefined): DeviceStatus[] {
  const list = devices ?? [];
  return printer ? [...list, { deviceId: 'printer', kind: 'printer', status: printer.status, detail: `${printer.target}: ${printer.detail}` }] : list;
}

/** One chip per scanner, scale and label printer: an icon and words, so the status never depends on colour alone. */
export function DeviceChips() {
  const { t } = useTranslation();
  const stationDevices = useStationView((view) => view.state?.devices);
  const printer = useStationView((view) => view.state?.slices.label?.printer);
  const devices = withPrinter(stationDevices, printer);
  if (!devices.length) return null;
  const statusWords = words(t);
  return (
    <ul className="device-chips" aria-label={t('topbar.scanners')}>
      {devices.map((device) => {
        const ok = device.status === 'connected';
        return (
          <li
            key={device.deviceId}
            className={`chip chip--${ok ? 'good' : 'bad'}`}
            data-testid={`device-${device.deviceId}`}
            data-status={device.status}
            title={device.detail}
          >
            <Icon name={ok ? 'plug' : 'unplugged'} />
            <span className="chip__name">{device.deviceId}</span>
            <span className="chip__status">{statusWords[device.status]}</span>
          </li>
        );
      })}
    </ul>
  );
}
