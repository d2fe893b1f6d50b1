import { ROLES, type Permission, type Role } from '../api/roles';

/**
 * THE table of who may do what. A command, query or scan names one permission; the core checks it
 * here before the workflow sees the request, whatever the renderer shows. Packers may not undo a
 * recorded link on their own (a correction of what was packed); a supervisor may approve it on the spot.
 */
const GRANTS: Record<Role, readonly Permission[]> = {
  packer: ['session.own', 'pack.scan', 'pack.close', 'history.view', 'manifest.verify'],
  dispatcher: ['session.own', 'pack.scan', 'pack.close', 'history.view', 'manifest.verify', 'bill.dispatch', 'bill.print'],
  biller: ['session.own', 'history.view', 'bill.build', 'bill.print'],
  supervisor: ['session.own', 'pack.scan', 'pack.close', 'pack.undo', 'diagnostics.view', 'audit.view', 'users.view', 'users.unlock', 'override.approve', 'sync.resolve', 'history.view', 'weight.accept',
    'bill.build', 'bill.dispatch', 'bill.reverse', 'bill.print', 'manifest.import', 'manifest.verify', 'manifest.close_short', 'dashboard.view', 'eod.close'],
  admin: ['session.own', 'pack.scan', 'pack.close', 'pack.undo', 'diagnostics.view', 'audit.view', 'users.view', 'users.manage', 'users.unlock', 'override.approve', 'sync.resolve', 'history.view', 'weight.accept',
    'bill.build', 'bill.dispatch', 'bill.reverse', 'bill.print', 'manifest.import', 'manifest.verify', 'manifest.close_short', 'dashboard.view', 'eod.close'],
};

const table = new Map(ROLES.map((role) => [role, new Set<Permission>(['public', ...GRANTS[role]])]));

/** True when `role` holds `permission`; nobody (no session) holds only `public`. */
export function allows(role: Role | null, permission: Permission): boolean {
  if (permission === 'public') return true;
  return role !== null && (table.get(role)?.has(permission) ?? false);
}
