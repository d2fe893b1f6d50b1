import type { Permission, Role } from '../api/roles';
import type { Actor } from './events';
import { allows } from './permissions';

/** What the permission gate says about one request, scan or command barcode. */
export type GateVerdict =
  | { allowed: true }
  | { allowed: false; reason: string; overridable: boolean };

const ROLE_WORDS: Record<Role, string> = { packer: 'a packer', dispatcher: 'a dispatcher', biller: 'a biller', supervisor: 'a supervisor', admin: 'an admin' };

/**
 * The core's permission check, before any workflow sees the request. Nobody signed in holds only
 * `public`; `noActor` gives the sessions module's words for that ("Scan your badge to start").
 */
export function gate(actor: Actor | null, permission: Permission, what: string, noActor: () => string, overridable = false): GateVerdict {
  if (permission === 'public') return { allowed: true };
  if (!actor) return { allowed: false, reason: noActor(), overridable: false };
  if (allows(actor.role, permission)) return { allowed: true };
  if (overridable) return { allowed: false, reason: `${what} needs a supervisor: ${actor.name} is ${ROLE_WORDS[actor.role]}. A supervisor scans their badge to approve`, overridable };
  return { allowed: false, reason: `${actor.name} is ${ROLE_WORDS[actor.role]} and may not ${what} (${permission})`, overridable: false };
}

/** A request refused by the gate: the bridges answer it with the `forbidden` error code. */
export class ForbiddenError extends Error {
  readonly code = 'forbidden';
}
