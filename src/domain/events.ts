import { z } from 'zod';

/**
 * Domain events: what the station records in its append-only log and replicates to the centre.
 * A correction is always a new event (a reversal with a reason), never an edit.
 */
export const domainEvents = {
  'bag.parent_opened': z.object({ parent: z.string(), capacity: z.number().int().positive() }),
  'bag.child_linked': z.object({ parent: z.string(), child: z.string() }),
  /** Undo: reverses the link recorded at `reversesSeq`. */
  'bag.link_reversed': z.object({ parent: z.string(), child: z.string(), reversesSeq: z.number().int().positive(), reason: z.string() }),
  /** `replaced`: an empty parent set aside because another parent was scanned. */
  'bag.parent_closed': z.object({ parent: z.string(), reason: z.enum(['capacity', 'manual', 'replaced']), count: z.number().int().nonnegative() }),
  /** Undo of the link that filled a parent to capacity reopens it. */
  'bag.parent_reopened': z.object({ parent: z.string(), reason: z.string() }),
  /** A scan the station refused; kept for the audit trail. */
  'scan.rejected': z.object({ code: z.string(), codeClass: z.string(), reason: z.string() }),
} as const;

export type DomainEventType = keyof typeof domainEvents;
export type DomainEventPayload<T extends DomainEventType> = z.infer<(typeof domainEvents)[T]>;
export type DomainEvent = { [T in DomainEventType]: { type: T; payload: DomainEventPayload<T> } }[DomainEventType];

/** An event as stored in the local log (table `events`) and as shipped to the centre. */
export interface StoredEvent {
  seq: number;
  id: string; // UUIDv7
  stationId: string;
  type: DomainEventType;
  payload: unknown;
  deviceTime: string; // ISO-8601 with ms, the station's clock; never used for ordering
  correlationId: string;
  deviceId: string | null;
  userId: string | null;
}
