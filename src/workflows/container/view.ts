/** A container as the workflow sees it (leaves such as bags have no row: they are only children). */
export interface Container {
  code: string;
  type: string;
  capacity: number;
  status: 'open' | 'closed' | 'voided';
  closeReason: 'full' | 'manual' | 'short' | null;
  /** Children still in it, oldest link first. */
  children: Array<{ code: string; type: string }>;
}

/** The most recent link that still stands (not undone, not voided): a link or a supervisor's move. */
export interface StandingLink {
  parent: string;
  child: string;
  /** The seq of the `container.child_linked` (or `container.child_moved`) event. */
  seq: number;
  moved: boolean;
}

/**
 * Read-only questions the container workflow asks about the current state, answered from its
 * projection tables inside the transaction that records the decision.
 */
export interface ContainerView {
  /** The container in hand (always an open one), or null. */
  current(): Container | null;
  container(code: string): Container | null;
  /** The container `child` is in now, or null. */
  parentOf(child: string): string | null;
  /** The containers `code` is in, innermost first: its parent, that one's parent … */
  ancestors(code: string): string[];
  lastLink(): StandingLink | null;
  /** The container closed most recently that is still closed, or null. */
  lastClosed(): string | null;
  /** The active container types central sent down (each the JSON of one `container.types` entry), by id. */
  centralTypes(): Array<{ id: string; definition: string }>;
}
