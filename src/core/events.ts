import { z } from 'zod';
import type { Role } from '../api/roles';

/** What a decision asks the log to append. The registry knows each type's schema and its owner. */
export interface DomainEvent {
  type: string;
  payload: unknown;
}

/** Who acted: the signed-in user of the station's current session. */
export interface Actor {
  userId: string;
  name: string;
  role: Role;
  sessionId: string;
}

/** Who and what an appended event is about: recorded on every event and covered by its hash. */
export interface AppendContext {
  correlationId: string;
  deviceId: string | null;
  userId: string | null;
  role: Role | null;
  sessionId: string | null;
  /** The supervisor whose badge + PIN approved an action this user had no right to. */
  approvedBy: string | null;
}

/** An event as stored in the local log (table `events`) and as shipped to the centre. */
export interface StoredEvent extends AppendContext {
  seq: number;
  id: string; // UUIDv7
  stationId: string;
  type: string;
  payload: unknown;
  deviceTime: string; // ISO-8601 with ms, the station's clock; never used for ordering
  prevHash: string;
  hash: string;
}

/** The core's own events (prefixes `scan.` and `override.`): no workflow owns them. */
export const coreEvents = {
  /** A scan or action the station refused; kept for the audit trail. */
  /** `bytes`: a refused frame's raw bytes as hex (its `code` is a printable preview). */
  'scan.rejected': z.object({ code: z.string(), codeClass: z.string(), reason: z.string(), bytes: z.string().regex(/^[0-9a-f]*$/).optional() }),
  /** A supervisor approved an action the acting user had no right to; committed with the action's events. */
  'override.approved': z.object({ action: z.string(), permission: z.string(), requestedBy: z.string().nullable(), supervisorId: z.string(), reason: z.string() }),
} as const;

export const CORE_EVENT_PREFIXES = ['scan', 'override'] as const;

/** Module ids the core keeps for itself: its event prefixes, and `core` (the store's own `core:NNN` migrations). */
export const RESERVED_MODULE_IDS: readonly string[] = [...CORE_EVENT_PREFIXES, 'core'];

/** The context of an action taken by `actor` (or by nobody, before a login). */
export function contextFor(actor: Actor | null, correlationId: string, deviceId: string | null, approvedBy: string | null = null): AppendContext {
  return { correlationId, deviceId, userId: actor?.userId ?? null, role: actor?.role ?? null, sessionId: actor?.sessionId ?? null, approvedBy };
}
