import { useStationView } from '../state/context';
import type { DeviceStatus } from '../api';
import { Icon } from './Icon';

const WORDS: Record<DeviceStatus['status'], string> = {
  connected: 'connected',
  disconnected: 'disconnected',
  'not-in-hid-pos-mode': 'wrong mode: set scanner to HID POS',
  'permission-denied': 'no permission',
  error: 'error',
};

/** One chip per scanner: an icon and words, so the status never depends on colour alone. */
export function DeviceChips() {
  const devices = useStationView((view) => view.state?.devices);
  if (!devices?.length) return null;
  return (
    <ul className="device-chips" aria-label="Scanners">
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
            <span className="chip__status">{WORDS[device.status]}</span>
          </li>
        );
      })}
    </ul>
  );
}
