import { z } from 'zod';
import { defineContract } from '../../api/contract';
import { ScanResult } from '../../api/scan';

export const OpenParent = z.object({
  code: z.string(),
  capacity: z.number().int().positive(),
  children: z.array(z.string()),
});
export type OpenParent = z.infer<typeof OpenParent>;

export const BagSlice = z.object({ openParent: OpenParent.nullable() });
export type BagSlice = z.infer<typeof BagSlice>;

const noPayload = z.object({}).strict();

/** The bag workflow: a packer opens a parent bag and links child bags to it. */
export const bagContract = defineContract({
  id: 'bag',
  events: {
    'bag.parent_opened': z.object({ parent: z.string(), capacity: z.number().int().positive() }),
    'bag.child_linked': z.object({ parent: z.string(), child: z.string() }),
    /** Undo: reverses the link recorded at `reversesSeq`. */
    'bag.link_reversed': z.object({ parent: z.string(), child: z.string(), reversesSeq: z.number().int().positive(), reason: z.string() }),
    /** `replaced`: an empty parent set aside because another parent was scanned. */
    'bag.parent_closed': z.object({ parent: z.string(), reason: z.enum(['capacity', 'manual', 'replaced']), count: z.number().int().nonnegative() }),
    /** Undo of the link that filled a parent to capacity reopens it. */
    'bag.parent_reopened': z.object({ parent: z.string(), reason: z.string() }),
  },
  commands: {
    'bag.close': { payload: noPayload, result: ScanResult, permission: 'pack.close', label: 'Close bag' },
    'bag.undo': { payload: noPayload, result: ScanResult, permission: 'pack.undo', overridable: true, label: 'Undo last' },
  },
  slice: BagSlice,
});

type BagEvents = typeof bagContract.events;
export type BagEventPayload<T extends keyof BagEvents> = z.infer<BagEvents[T]>;
export type BagEvent = { [T in keyof BagEvents]: { type: T; payload: BagEventPayload<T> } }[keyof BagEvents];
