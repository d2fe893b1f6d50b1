import { z } from 'zod';
import { defineContract } from '../../api/contract';
import { ScanResult } from '../../api/scan';

const Code = z.string().min(1);
const Reason = z.string().trim().min(1).max(500);

export const ContainerChild = z.object({ code: z.string(), type: z.string() });

/** The container in hand, as the screen shows it. */
export const CurrentContainer = z.object({
  code: z.string(),
  type: z.string(),
  typeName: z.string(),
  capacity: z.number().int().positive(),
  children: z.array(ContainerChild),
  /** The containers it is in, outermost first (a sack on a pallet: [pallet]). */
  path: z.array(z.string()),
});
export type CurrentContainer = z.infer<typeof CurrentContainer>;

/**
 * The container workflow's slice; absent on a station with no container types. `confirmClose`: a close
 * short of capacity waits for Confirm; `pendingMove`: a child already in another container waits for a
 * supervisor's Move.
 */
export const ContainerSlice = z.object({
  current: CurrentContainer.nullable(),
  confirmClose: z.object({ container: z.string(), count: z.number().int().nonnegative(), capacity: z.number().int().positive() }).nullable(),
  pendingMove: z.object({ child: z.string(), from: z.string(), to: z.string() }).nullable(),
}).optional();
export type ContainerSlice = z.infer<typeof ContainerSlice>;

const noPayload = z.object({}).strict();
/** Which container (default: the one in hand, or for reopen the last closed) and why. */
const Correction = z.object({ container: Code.optional(), reason: Reason.optional() }).strict();

/** Containers nested to any depth (bag → sack → pallet), by the types in the station's config. */
export const containerContract = defineContract({
  id: 'container',
  events: {
    /** A container is opened and becomes the one in hand. */
    'container.opened': z.object({ container: Code, type: z.string(), capacity: z.number().int().positive() }),
    /** Another open container (or none) is now the one in hand. */
    'container.focused': z.object({ container: Code.nullable(), reason: z.enum(['resume', 'descend', 'closed', 'reopened', 'voided', 'undo']) }),
    'container.child_linked': z.object({ parent: Code, child: Code, childType: z.string() }),
    /** A child taken out of one container and put into another, approved by a supervisor. */
    'container.child_moved': z.object({ from: Code, to: Code, child: Code, childType: z.string(), approvedBy: z.string() }),
    /** Undo: reverses the link recorded at `reversesSeq`. */
    'container.link_reversed': z.object({ parent: Code, child: Code, reversesSeq: z.number().int().positive(), reason: Reason }),
    /** `full`: the scan that filled it; `manual`: closed at capacity by hand; `short`: closed below capacity, confirmed. */
    'container.closed': z.object({ container: Code, reason: z.enum(['full', 'manual', 'short']), count: z.number().int().nonnegative() }),
    'container.reopened': z.object({ container: Code, reason: Reason }),
    /** The container is cancelled: its children are free again and it leaves the container it was in. */
    'container.voided': z.object({ container: Code, reason: Reason, children: z.array(Code), parent: Code.nullable() }),
  },
  commands: {
    'container.close': { payload: noPayload, result: ScanResult, permission: 'pack.close', label: 'Close container' },
    'container.confirm_close': { payload: noPayload, result: ScanResult, permission: 'pack.close', label: 'Confirm close' },
    'container.cancel': { payload: noPayload, result: ScanResult, permission: 'pack.scan', label: 'Cancel' },
    'container.undo': { payload: noPayload, result: ScanResult, permission: 'pack.undo', overridable: true, label: 'Undo last link' },
    'container.move': { payload: noPayload, result: ScanResult, permission: 'pack.undo', overridable: true, label: 'Move to this container' },
    'container.void': { payload: Correction, result: ScanResult, permission: 'pack.undo', overridable: true, label: 'Void container' },
    'container.reopen': { payload: Correction, result: ScanResult, permission: 'pack.undo', overridable: true, label: 'Reopen container' },
  },
  slice: ContainerSlice,
});

type ContainerEvents = typeof containerContract.events;
export type ContainerEventPayload<T extends keyof ContainerEvents> = z.infer<ContainerEvents[T]>;
export type ContainerEvent = { [T in keyof ContainerEvents]: { type: T; payload: ContainerEventPayload<T> } }[keyof ContainerEvents];
