/** The verdict on one scan: suppressed double reads carry the reason, for the log. */
export type DuplicateVerdict = { duplicate: false } | { duplicate: true; reason: string };

const NOT_DUPLICATE: DuplicateVerdict = { duplicate: false };
/** Past this many remembered codes, expired ones are pruned so memory stays bounded. */
const PRUNE_AT = 256;

/**
 * Suppresses the same code read again within `windowMs` (a scanner in presentation mode re-reads a
 * label held under it). The window slides: while the code keeps coming, it stays suppressed.
 * Codes are compared station-wide by their key, so a double read through two transports is caught too.
 */
export class DuplicateFilter {
  private readonly lastSeen = new Map<string, number>();

  constructor(private readonly windowMs: number) {}

  /** `at` is the scan's receive time (epoch ms). A clock that steps back never suppresses. */
  check(key: string, at: number): DuplicateVerdict {
    if (this.windowMs <= 0) return NOT_DUPLICATE;
    const last = this.lastSeen.get(key);
    this.lastSeen.set(key, at);
    if (last !== undefined) {
      const since = at - last;
      if (since >= 0 && since < this.windowMs) {
        return { duplicate: true, reason: `same code read again after ${since} ms (duplicate window ${this.windowMs} ms)` };
      }
    }
    if (this.lastSeen.size > PRUNE_AT) this.prune(at);
    return NOT_DUPLICATE;
  }

  private prune(now: number): void {
    for (const [key, seen] of this.lastSeen) if (now - seen >= this.windowMs || seen > now) this.lastSeen.delete(key);
  }
}
