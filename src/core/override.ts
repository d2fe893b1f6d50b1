import type { OverridePrompt } from '../api';
import type { Permission } from '../api/roles';
import type { Actor } from './events';
import type { KnownUser } from './workflow';

/** An action refused for lack of a right that a supervisor may approve, waiting for their badge and PIN. */
export interface PendingOverride {
  action: string;
  /** The action in the packer's words (its contract's label). */
  label: string;
  payload: unknown;
  permission: Permission;
  requestedBy: Actor;
  deviceId: string;
  trigger: string;
  supervisor: KnownUser | null;
  error: string | null;
}

/** The prompt as every screen shows it (no payload, no ids beyond names). */
export function overridePrompt(pending: PendingOverride | null): OverridePrompt | null {
  if (!pending) return null;
  return {
    kind: 'override', action: pending.label, permission: pending.permission, requestedBy: pending.requestedBy.name,
    stage: pending.supervisor ? 'pin' : 'badge', supervisor: pending.supervisor?.name ?? null, error: pending.error,
  };
}
