import type { ReplicationSummary } from './api';
import type { ReplicationStatus } from './central/status';

/** How often the station looks at the replication worker's status (the worker reports every second). */
export const REPLICATION_POLL_MS = 2_000;

/**
 * The worker's detailed status in the few fields the UI shows. `lagMs` is how far central is behind
 * in time: 0 when caught up, the oldest unsent event's age otherwise, null while central has never
 * answered (or replication is not configured). `unseenRejections` is the status's count of rejections
 * from central no supervisor has marked seen (counted by the worker, or by the station's own connection
 * when no worker runs).
 */
export function summarizeReplication(status: ReplicationStatus): ReplicationSummary {
  const everReached = status.centralMark !== null || status.lastAckAt !== null;
  const lagMs = !everReached ? null : status.queueDepth === 0 ? 0 : status.oldestUnsentAgeMs;
  const detail = status.state === 'not-configured'
    ? 'no central database configured: the station works offline'
    : status.lastError?.message ?? status.localWarning ?? (status.lagEvents > 0 ? `${status.lagEvents} events not yet at central` : undefined);
  return {
    state: status.state, queueDepth: status.queueDepth, oldestUnsentAgeMs: status.oldestUnsentAgeMs, lagMs, stuck: status.stuck,
    unseenRejections: status.unseenRejections,
    ...healthOf(status),
    ...(detail === undefined ? {} : { detail }),
  };
}

/**
 * Central's side, as last read by the worker: unprojected events (the oldest one's age grown by the
 * time since the read) and quarantined ones (open dead letters). Absent while central never said.
 */
function healthOf(status: ReplicationStatus, now = Date.now()): Pick<ReplicationSummary, 'unprojected' | 'quarantined' | 'quarantine'> {
  const h = status.centralHealth;
  if (!h) return {};
  const since = Math.max(0, now - h.readAt);
  return {
    unprojected: { count: h.unprojected, oldestAgeMs: h.unprojected > 0 && h.oldestUnprojectedAgeMs !== null ? h.oldestUnprojectedAgeMs + since : null },
    quarantined: h.ingestDeadLetters + h.projectionDeadLetters,
    quarantine: h.quarantine ?? [],
  };
}

function same(a: ReplicationSummary | null, b: ReplicationSummary): boolean {
  return a !== null && a.state === b.state && a.queueDepth === b.queueDepth && a.oldestUnsentAgeMs === b.oldestUnsentAgeMs
    && a.lagMs === b.lagMs && a.stuck === b.stuck && a.unseenRejections === b.unseenRejections && a.detail === b.detail
    && a.quarantined === b.quarantined && a.unprojected?.count === b.unprojected?.count
    && (a.quarantine ?? []).map((q) => `${q.kind}:${q.id}`).join() === (b.quarantine ?? []).map((q) => `${q.kind}:${q.id}`).join()
    && Math.round((a.unprojected?.oldestAgeMs ?? 0) / 1000) === Math.round((b.unprojected?.oldestAgeMs ?? 0) / 1000);
}

/**
 * Polls a replication status and calls `onChange` when what the UI shows changed. The timer never
 * keeps the process alive, and a failing read is reported, not thrown into the timer.
 */
export class ReplicationWatch {
  private last: ReplicationSummary | null = null;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly read: () => ReplicationSummary,
    private readonly onChange: () => void,
    private readonly onError: (err: unknown) => void,
    private readonly intervalMs = REPLICATION_POLL_MS,
  ) {}

  start(): void {
    if (this.timer) return;
    this.poll();
    this.timer = setInterval(() => this.poll(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  current(): ReplicationSummary | null {
    return this.last;
  }

  /** Reads now; true when the summary changed (and `onChange` was called). */
  poll(): boolean {
    let next: ReplicationSummary;
    try {
      next = this.read();
    } catch (err) {
      this.onError(err);
      return false;
    }
    if (same(this.last, next)) return false;
    this.last = next;
    this.onChange();
    return true;
  }
}
