import type { Role } from '../api';

/** What a role may do with a bill. The core decides (src/core/permissions.ts); this only hides what it would refuse. */
export interface BillRights {
  /** bill.build: open, scan onto, take off, finalise. */
  build: boolean;
  /** bill.dispatch */
  dispatch: boolean;
  /** bill.reverse (others may still ask: the core opens the supervisor prompt) */
  reverse: boolean;
  /** bill.print: print, reprint, read and take a bill in hand. */
  print: boolean;
}

export function billRights(role: Role | null | undefined): BillRights {
  const boss = role === 'supervisor' || role === 'admin';
  return {
    build: boss || role === 'biller',
    dispatch: boss || role === 'dispatcher',
    reverse: boss,
    print: boss || role === 'biller' || role === 'dispatcher',
  };
}

/** Who sees the Bills button: anyone holding bill.build, bill.dispatch or bill.print. */
export function mayOpenBills(role: Role | null | undefined): boolean {
  const r = billRights(role);
  return r.build || r.dispatch || r.print;
}
