import type { Pool } from 'pg';
import { OutboxReader } from '../store/outbox';
import { countUnseenRejections, referenceStatus } from '../store/reference-cache';
import type { CentralDashboard } from '../core/central-port';
import { backoffDelay } from './backoff';
import type { CentralConfig } from './config';
import { readFloorDashboard } from './dashboard-read';
import { classifyError, type ClassifiedError } from './errors';
import { ingestBatch, prepareBatch, readMark, type PreparedBatch } from './ingest';
import { createPool } from './pool';
import { projectStep } from './projector';
import { pullReference, pullRejections } from './reference-pull';
import type { CentralHealth, DeadLetterDecision, DeadLetterOutcome, ReplicationState, ReplicationStatus } from './status';
import { watchdog } from './status';
import { inTransaction } from './transaction';

export type LogFn = (level: 'error' | 'warn' | 'info' | 'debug', message: string, meta?: Record<string, unknown>) => void;

export interface ReplicatorOptions {
  dbPath: string;
  stationId: string;
  config: CentralConfig;
  log?: LogFn;
  appVersion?: string;
  /** Called after a batch is committed at central (for latency measurements). */
  onAck?: (mark: number) => void;
}

/**
 * The replication loop: read events after central's mark, send them as one batch, prune the outbox to
 * the returned mark, repeat; pull reference data and rejections now and then. One batch is in flight
 * at a time, so acknowledgements are ordered by construction. It runs inside a worker thread for the
 * station (see replication.ts) and can run in-process for benchmarks.
 */
export class Replicator {
  private readonly cfg: CentralConfig;
  private readonly log: LogFn;
  private stopped = false;
  private wake: (() => void) | null = null;
  private pool: Pool | null = null;
  private reader: OutboxReader | null = null;
  private centralMark: number | null = null;
  private lastProgressAt = Date.now();
  private lastAckAt: number | null = null;
  private lastError: ReplicationStatus['lastError'] = null;
  private localWarning: string | null = null;
  private state: ReplicationState = 'starting';
  private deadLettered = 0;
  private attempt = 0;
  private nextSideWorkAt = 0;
  private running: Promise<void> | null = null;
  private last: ReplicationStatus | null = null;
  /** A prune failed locally (full disk): retry it while idle, not only after the next batch. */
  private pruneOwed = false;
  /** The cooperative projector step in flight (it runs beside the next ingest, on the pool's other connection). */
  private projecting: Promise<void> | null = null;
  /** When an idle worker should look again for events left to project (ingested, but behind an open transaction). */
  private projectAgainAt: number | null = null;
  /** No step before this (a back-off after a step that found nothing to do); see project(). */
  private projectNotBefore = 0;
  private projectBackoffMs = 0;
  private projectorError: string | null = null;
  /** Central's sync health for this station, read with the heartbeat (not on every batch). */
  private centralHealth: CentralHealth | null = null;
  /** The next batch, read and encoded while the previous one was at central; used only if it follows the new mark. */
  private prefetched: { after: number; batch: PreparedBatch } | null = null;

  constructor(private readonly opts: ReplicatorOptions) {
    this.cfg = opts.config;
    this.log = opts.log ?? (() => undefined);
  }

  start(): Promise<void> {
    this.running ??= this.loop();
    return this.running;
  }

  /** New events were committed: look now instead of at the next poll. */
  nudge(): void {
    if (this.state === 'idle') this.wake?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.running;
  }

  status(now = Date.now()): ReplicationStatus {
    if (!this.reader && this.last) return { ...this.last, state: this.state, lastError: this.lastError, updatedAt: now };
    let q = { depth: 0, oldestDeviceTime: null as string | null, localSeq: 0 };
    let reference: ReplicationStatus['reference'] = { state: 'not-synced' };
    let unseen = 0;
    if (this.reader) {
      try {
        q = this.reader.queue();
        reference = referenceStatus(this.reader.connection);
        unseen = countUnseenRejections(this.reader.connection);
      } catch (err) {
        this.localWarning = `cannot read the local queue: ${(err as Error).message}`;
      }
    }
    if (q.depth === 0) this.lastProgressAt = now; // "stuck" counts from when there was something to send
    const dog = watchdog({ queueDepth: q.depth, oldestDeviceTime: q.oldestDeviceTime, lastProgressAt: this.lastProgressAt,
      stuckAfterMs: this.cfg.stuckAfterMs, now });
    const mark = this.centralMark;
    return this.last = {
      state: this.state, stationId: this.opts.stationId, queueDepth: q.depth, oldestUnsentAgeMs: dog.oldestUnsentAgeMs,
      lagEvents: Math.max(0, q.localSeq - (mark ?? this.reader?.ackedSeq() ?? 0)), localSeq: q.localSeq, centralMark: mark,
      lastAckAt: this.lastAckAt, stuck: dog.stuck, lastError: this.lastError, localWarning: this.localWarning,
      deadLettered: this.deadLettered, unseenRejections: unseen, centralHealth: this.centralHealth, reference, updatedAt: now,
    };
  }

  /** Keeps the status in the station database for `station doctor`; best effort (the disk may be full). */
  saveStatus(status: ReplicationStatus): void {
    try {
      this.reader?.saveStatus(JSON.stringify(status));
    } catch {
      /* reported through localWarning by the next prune */
    }
  }

  private async loop(): Promise<void> {
    try {
      while (!this.stopped) {
        try {
          if (!this.reader) this.reader = new OutboxReader(this.opts.dbPath);
          this.pool ??= createPool(this.cfg, (err) => this.log('warn', 'idle central connection failed', { error: err.message }),
            `station-${this.opts.stationId}`);
          const sent = await this.step();
          this.attempt = 0;
          this.lastError = null;
          if (!sent) {
            this.state = 'idle';
            await this.sleep(this.cfg.pollIntervalMs);
          }
        } catch (err) {
          await this.failed(err);
        }
      }
    } finally {
      await this.projecting;
      this.state = 'stopped';
      if (this.reader) this.saveStatus(this.status());
      await this.pool?.end().catch(() => undefined);
      this.reader?.close();
      this.pool = null;
      this.reader = null;
    }
  }

  /** One unit of work: send one batch if there is one. Returns whether a batch was sent. */
  private async step(): Promise<boolean> {
    const pool = this.pool!;
    const reader = this.reader!;
    if (this.centralMark === null) {
      const mark = await inTransaction(pool, this.cfg, (c) => readMark(c, this.opts.stationId));
      const local = reader.localSeq();
      if (mark > local) {
        throw Object.assign(new Error(`central holds seq up to ${mark} for station ${this.opts.stationId} but the local log ends at ${local}`),
          { code: 'SG003' });
      }
      this.centralMark = mark;
      this.acknowledge(mark);
    }
    if (Date.now() >= this.nextSideWorkAt) await this.sideWork();
    const acked = this.centralMark;
    const batch = this.nextBatch(acked);
    if (!batch) {
      if (this.pruneOwed) this.acknowledge(acked);
      if (this.projectAgainAt !== null && Date.now() >= this.projectAgainAt) this.project();
      return false;
    }
    this.state = 'replicating';
    // draining a backlog: read and encode the next batch while central works on this one
    const backlog = batch.count >= this.cfg.batch.maxRows || batch.bytes >= this.cfg.batch.maxBytes / 2;
    const whileCentralWorks = () => {
      if (this.pruneOwed) this.acknowledge(acked);
      if (backlog) this.prefetch(batch.last);
    };
    const result = await inTransaction(pool, this.cfg, (c) => ingestBatch(c, this.opts.stationId, batch, whileCentralWorks));
    if (result.deadLettered > 0) {
      this.deadLettered += result.deadLettered;
      this.log('error', 'central dead-lettered poison events', { count: result.deadLettered, upTo: result.ackedSeq });
    }
    if (result.ackedSeq > this.centralMark) this.progress(result.ackedSeq);
    this.centralMark = result.ackedSeq;
    // more to send: the outbox is pruned while central works on the next batch, not before sending it
    if (backlog) this.pruneOwed = true;
    else this.acknowledge(result.ackedSeq);
    this.opts.onAck?.(result.ackedSeq);
    if (result.inserted > 0 || result.deadLettered > 0) this.project();
    return true;
  }

  /**
   * One cooperative projector step, in its own transaction, after an ingest has committed. It never
   * holds up the upstream drain: it runs beside the next batch, a failure is logged (the next ingest
   * tries again), and while one step is in flight a second is not started. A step that found nothing
   * to do (another station's worker holds the cursor, or has already projected everything) backs this
   * worker off, doubling up to `projector.backoffMaxMs`: with hundreds of stations, one step per ingest
   * each would be hundreds of empty transactions a second, and the workers that do find work keep
   * the lag short. A later attempt is always scheduled, so this station's events never wait on others.
   */
  private project(): void {
    if (!this.cfg.projector.cooperative || !this.pool) return;
    const now = Date.now();
    if (this.projecting || now < this.projectNotBefore) {
      this.projectAgainAt = Math.min(this.projectAgainAt ?? Infinity, Math.max(now, this.projectNotBefore));
      return;
    }
    this.projectAgainAt = null;
    const pool = this.pool;
    this.projecting = inTransaction(pool, this.cfg, (c) => projectStep(c, this.cfg.projector.maxEvents)).then((r) => {
      this.projectorError = null;
      if (r.failed > 0) this.log('error', 'central could not project some events (projection dead letters)', { count: r.failed });
      const at = Date.now();
      if (r.projected > 0) {
        this.projectBackoffMs = 0;
        this.projectNotBefore = 0;
      } else {
        this.projectBackoffMs = Math.min(Math.max(2 * this.projectBackoffMs, 50), this.cfg.projector.backoffMaxMs);
        this.projectNotBefore = at + this.projectBackoffMs;
      }
      // more than one step's worth: go on at once; busy or held back by an older open ingest: after the back-off
      if (r.pending) this.projectAgainAt = Math.min(this.projectAgainAt ?? Infinity, Math.max(at, this.projectNotBefore));
    }, (err: unknown) => {
      const message = classifyError(err).message;
      if (this.projectorError !== message) this.log('warn', 'central projector step failed (ingest goes on)', { error: message });
      this.projectorError = message;
    }).finally(() => {
      this.projecting = null;
    });
  }

  private nextBatch(after: number): PreparedBatch | null {
    const ready = this.prefetched;
    this.prefetched = null;
    if (ready?.after === after) return ready.batch;
    const rows = this.reader!.readBatch(after, this.cfg.batch.maxRows, this.cfg.batch.maxBytes);
    if (rows.length === 0) return null;
    const foreign = rows.find((r) => r.stationId !== this.opts.stationId);
    if (foreign) {
      throw Object.assign(new Error(`the local log holds events of station "${foreign.stationId}" but this station is configured as `
        + `"${this.opts.stationId}"`), { code: 'STATION_MISMATCH' });
    }
    return prepareBatch(rows);
  }

  private prefetch(after: number): void {
    try {
      const batch = this.nextBatch(after);
      this.prefetched = batch ? { after, batch } : null;
    } catch {
      this.prefetched = null; // the same read fails again, and is reported, when it is the batch's turn
    }
  }

  private progress(mark: number): void {
    this.lastProgressAt = Date.now();
    this.lastAckAt = this.lastProgressAt;
    this.log('debug', 'central acknowledged', { mark });
  }

  /** Prunes the local outbox; a local write failure (full disk) is a warning: central already has the events. */
  private acknowledge(mark: number): void {
    try {
      this.reader!.acknowledge(mark);
      this.localWarning = null;
      this.pruneOwed = false;
    } catch (err) {
      const message = `cannot prune the local outbox (${(err as { code?: string }).code ?? 'error'}): ${(err as Error).message}; `
        + 'replication continues, the outbox is pruned once the disk has room';
      if (this.localWarning !== message) this.log('warn', message);
      this.localWarning = message;
      this.pruneOwed = true;
    }
  }

  /** Reference data, rejections and the heartbeat: between batches, at most every referencePollMs. */
  private async sideWork(): Promise<void> {
    // ±50 % jitter: stations that started (or reconnected) together must not pull all at once, each time
    this.nextSideWorkAt = Date.now() + this.cfg.referencePollMs * (0.5 + Math.random());
    const pool = this.pool!;
    const reader = this.reader!;
    const db = reader.connection;
    try {
      // the local mark first: a user row this station edited is taken from central only once central
      // acknowledged the edit (reference-cache.ts), and a deferred prune would hold that back
      if (this.pruneOwed && this.centralMark !== null) this.acknowledge(this.centralMark);
      await pullReference(pool, db, { ...this.cfg, settleMs: this.cfg.referenceSettleMs });
      const got = await pullRejections(pool, db, this.opts.stationId, this.cfg);
      if (got > 0) this.log('warn', 'central rejected events of this station (shown to the supervisor)', { count: got });
      const q = reader.queue();
      await inTransaction(pool, this.cfg, (c) => c.query('SELECT central.heartbeat($1, $2, $3, $4)',
        [this.opts.stationId, q.localSeq, q.depth, this.opts.appVersion ?? null]));
      await this.readCentralHealth(pool);
    } catch (err) {
      // a local write failure must not block the upstream drain; network errors surface in the next batch
      if ((err as { code?: string }).code?.startsWith('SQLITE_')) {
        this.localWarning = `cannot update the reference cache: ${(err as Error).message}`;
        return;
      }
      throw err;
    }
  }

  /**
   * Central's projection lag and open dead letters for this station, one small query beside the
   * heartbeat. A central without the function (not yet migrated) or a failed read leaves the last
   * figures: it must never hold up the drain.
   */
  private async readCentralHealth(pool: Pool): Promise<void> {
    try {
      const { rows: [r] } = await inTransaction(pool, this.cfg, (c) => c.query<{ unprojected: string; age_ms: string | null; ingest: string; projection: string }>(
        `SELECT unprojected, (extract(epoch FROM now() - oldest_unprojected) * 1000)::bigint AS age_ms,
           ingest_dead_letters AS ingest, projection_dead_letters AS projection FROM central.station_health()`));
      const open = r && Number(r.ingest) + Number(r.projection) > 0
        ? (await inTransaction(pool, this.cfg, (c) => c.query<{ kind: 'ingest' | 'projection'; id: string; seq: string; type: string; error: string; at: Date }>(
          'SELECT kind, id, seq, type, error, at FROM central.station_dead_letters()'))).rows
        : [];
      this.centralHealth = r
        ? { unprojected: Number(r.unprojected), oldestUnprojectedAgeMs: r.age_ms === null ? null : Math.max(0, Number(r.age_ms)),
          ingestDeadLetters: Number(r.ingest), projectionDeadLetters: Number(r.projection), readAt: Date.now(),
          quarantine: open.map((d) => ({ kind: d.kind, id: Number(d.id), seq: Number(d.seq), type: d.type, error: d.error, at: d.at.toISOString() })) }
        : null;
    } catch (err) {
      this.log('debug', 'cannot read central\'s sync health for this station', { error: classifyError(err).message });
    }
  }

  /**
   * A supervisor's retry or skip of one of this station's quarantined events, at central
   * (`central.station_resolve_dead_letter`: its own dead letters only, audited there with `who`).
   * Then the health is read again, so the kiosk shows the outcome at once. Throws central's refusal
   * (SG020 no reason, SG021 unknown, SG022 already done) or a connection error, classified.
   */
  async resolveDeadLetter(d: DeadLetterDecision): Promise<DeadLetterOutcome> {
    const pool = this.pool;
    if (!pool) throw new Error('replication is not running');
    try {
      const { rows: [r] } = await inTransaction(pool, this.cfg, (c) => c.query<{ status: DeadLetterOutcome['status']; error: string | null }>(
        'SELECT status, error FROM central.station_resolve_dead_letter($1, $2, $3, $4, $5)', [d.action, d.kind, d.id, d.reason, d.who]));
      await this.readCentralHealth(pool);
      if (!r) throw new Error('central answered nothing');
      return { status: r.status, error: r.error };
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code && /^SG02\d$/.test(code)) throw err;
      throw new Error(classifyError(err).message);
    }
  }

  /** The supervisor screen's floor-wide figures (src/central/dashboard-read.ts); throws why central cannot answer, in words. */
  async dashboardFigures(from: string, to: string): Promise<CentralDashboard> {
    if (!this.pool) throw new Error('replication is not running');
    try {
      return await readFloorDashboard(this.pool, this.cfg, from, to);
    } catch (err) {
      throw new Error(classifyError(err).message);
    }
  }

  private async failed(err: unknown): Promise<void> {
    const c: ClassifiedError = (err as { code?: string }).code?.startsWith('SQLITE_') || (err as { code?: string }).code === 'STATION_MISMATCH'
      ? { kind: 'config', code: (err as { code: string }).code, message: `local store: ${(err as Error).message}` }
      : classifyError(err);
    if (c.kind === 'gap') {
      // central has less than we thought (e.g. restored from a backup): resend from its mark, the local log still has it all
      this.log('warn', 'central mark is behind the batch; resending from central\'s mark', { error: c.message });
      this.centralMark = null;
    }
    const changed = this.lastError?.code !== c.code;
    this.lastError = { code: c.code, message: c.message, at: Date.now() };
    this.state = c.kind === 'config' ? 'error' : 'retrying';
    if (changed) this.log(c.kind === 'config' ? 'error' : 'warn', c.message, { code: c.code });
    if (c.kind !== 'gap') this.centralMark = null; // re-read after reconnecting: a lost acknowledgement may have moved it
    await this.sleep(backoffDelay(this.attempt++, this.cfg.backoff.initialMs, this.cfg.backoff.maxMs));
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        done();
      };
    });
  }
}
