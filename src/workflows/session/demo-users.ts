import type { Role } from '../../api/roles';

/**
 * The demo default (`npm start`, not kiosk): one user per role, so the station can be tried at once.
 * Their badges and PINs are shown on the demo panel, marked as demo. Kiosk mode never creates users.
 */
export const DEMO_USERS: ReadonlyArray<{ userId: string; name: string; role: Role; badge: string; pin: string }> = [
  { userId: 'demo-packer', name: 'Demo Packer', role: 'packer', badge: 'B-DEMO1', pin: '1111' },
  { userId: 'demo-dispatcher', name: 'Demo Dispatcher', role: 'dispatcher', badge: 'B-DEMO2', pin: '2222' },
  { userId: 'demo-biller', name: 'Demo Biller', role: 'biller', badge: 'B-DEMO3', pin: '3333' },
  { userId: 'demo-supervisor', name: 'Demo Supervisor', role: 'supervisor', badge: 'B-DEMO4', pin: '4444' },
  { userId: 'demo-admin', name: 'Demo Admin', role: 'admin', badge: 'B-DEMO5', pin: '5555' },
];
