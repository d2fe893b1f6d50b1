import type { Role } from '../../api/roles';
import { accept, refuse, type Decision } from '../../core/decision';
import type { Actor } from '../../core/events';
import type { StationUser, UserView } from './view';

const who = (u: StationUser) => `${u.name} (${u.badge ?? u.userId})`;

export function decideCreate(users: UserView, input: { userId: string; name: string; role: Role; badge: string; pinHash: string }): Decision {
  const holder = users.byBadge(input.badge);
  if (holder) return refuse(input.badge, 'command', `Badge ${input.badge} already belongs to ${holder.name}`);
  return accept(`User ${input.name} created (${input.role}, badge ${input.badge})`, [{ type: 'user.created', payload: { ...input, baseVersion: null } }]);
}

/** The change asked of an existing user, with the rules that keep the station usable. */
export type UserChange =
  | { kind: 'disable' } | { kind: 'enable' } | { kind: 'reset_pin'; pinHash: string } | { kind: 'change_role'; role: Role };

export function decideChange(users: UserView, actor: Actor | null, userId: string, change: UserChange): Decision {
  const user = users.byId(userId);
  const trigger = `user.${change.kind}`;
  if (!user) return refuse(trigger, 'command', `No user ${userId} at this station`);
  const base = { userId, baseVersion: user.version };
  const lastAdmin = user.role === 'admin' && user.active && users.activeAdmins() <= 1;
  switch (change.kind) {
    case 'disable':
      if (!user.active) return refuse(trigger, 'command', `${who(user)} is already disabled`);
      if (actor?.userId === userId) return refuse(trigger, 'command', 'You cannot disable yourself');
      if (lastAdmin) return refuse(trigger, 'command', `${who(user)} is the last active admin: make another admin first`);
      return accept(`${who(user)} disabled`, [{ type: 'user.disabled', payload: base }]);
    case 'enable':
      if (user.active) return refuse(trigger, 'command', `${who(user)} is already active`);
      return accept(`${who(user)} enabled`, [{ type: 'user.enabled', payload: base }]);
    case 'reset_pin':
      return accept(`PIN of ${who(user)} reset`, [{ type: 'user.pin_reset', payload: { ...base, pinHash: change.pinHash } }]);
    case 'change_role':
      if (user.role === change.role) return refuse(trigger, 'command', `${who(user)} is already ${change.role}`);
      if (lastAdmin) return refuse(trigger, 'command', `${who(user)} is the last active admin: make another admin first`);
      return accept(`${who(user)} is now ${change.role}`, [{ type: 'user.role_changed', payload: { ...base, role: change.role } }]);
  }
}
