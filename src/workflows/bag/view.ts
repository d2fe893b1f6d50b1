/** A parent bag as the workflow sees it. */
export interface ParentBag {
  code: string;
  capacity: number;
  status: 'open' | 'closed';
  closeReason: 'capacity' | 'manual' | 'replaced' | null;
  /** Children still linked, oldest first. */
  children: string[];
}

/** The most recent child link that still stands (not undone). */
export interface StandingLink {
  parent: string;
  child: string;
  /** The seq of the `bag.child_linked` event, which an undo reverses. */
  seq: number;
}

/**
 * Read-only questions the bag workflow asks about the current state. The store answers them from
 * its projection tables inside the same transaction that records the decision.
 */
export interface BagLookup {
  openParent(): ParentBag | null;
  parent(code: string): ParentBag | null;
  parentOfChild(child: string): string | null;
  lastLink(): StandingLink | null;
}
