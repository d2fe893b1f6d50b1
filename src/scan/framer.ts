import { z } from 'zod';

/**
 * How a serial byte stream is cut into scans. A frame ends at the suffix OR after a gap of
 * `interByteTimeoutMs` with no bytes, whichever comes first.
 */
export const FramingOptions = z.object({
  suffix: z.enum(['CR', 'LF', 'CRLF', 'none']).default('CR'),
  /** 0 turns the timeout off. */
  interByteTimeoutMs: z.number().int().min(0).max(5000).default(50),
  maxLength: z.number().int().min(1).max(65536).default(4096),
  /** Bytes (given as text, UTF-8) removed from the start / end of a frame when present. */
  stripPrefix: z.string().default(''),
  stripSuffix: z.string().default(''),
}).refine((o) => o.suffix !== 'none' || o.interByteTimeoutMs > 0, {
  message: 'framing.interByteTimeoutMs must be above 0 when framing.suffix is "none" (nothing else would end a scan)',
  path: ['interByteTimeoutMs'],
});
export type FramingOptions = z.infer<typeof FramingOptions>;

export type FrameOutput =
  | { kind: 'frame'; bytes: Uint8Array; firstByteAt: number; completedAt: number }
  | { kind: 'rejected'; reason: string; bytes: Uint8Array; firstByteAt: number; completedAt: number };

const CR = 0x0d;
const LF = 0x0a;

function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  if (prefix.length === 0 || bytes.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}

function endsWith(bytes: Uint8Array, suffix: Uint8Array): boolean {
  if (suffix.length === 0 || bytes.length < suffix.length) return false;
  const off = bytes.length - suffix.length;
  for (let i = 0; i < suffix.length; i++) if (bytes[off + i] !== suffix[i]) return false;
  return true;
}

/**
 * Serial framing as a pure state machine: the caller passes the bytes as read (any chunking) with the
 * time they arrived, and arms a timer for `deadline()`, calling `flush()` when it fires.
 */
export class Framer {
  private readonly opts: FramingOptions;
  private readonly buf: Uint8Array;
  private readonly prefix: Uint8Array;
  private readonly suffixBytes: Uint8Array;
  private len = 0;
  /** CRLF suffix: a CR was seen and is held back until we know whether an LF follows. */
  private pendingCR = false;
  /** The frame outgrew maxLength: it was rejected, and its remaining bytes are dropped until it ends. */
  private discarding = false;
  private firstByteAt = 0;
  private lastByteAt = 0;

  constructor(opts: FramingOptions) {
    this.opts = opts;
    this.buf = new Uint8Array(opts.maxLength);
    const enc = new TextEncoder();
    this.prefix = enc.encode(opts.stripPrefix);
    this.suffixBytes = enc.encode(opts.stripSuffix);
  }

  /** Feeds bytes that arrived at `now` (epoch ms). Returns the frames they completed, in order. */
  push(chunk: Uint8Array, now: number): FrameOutput[] {
    const out: FrameOutput[] = [];
    if (chunk.length === 0) return out;
    // A gap of the timeout or more since the last byte ended the previous frame, even if the timer was late.
    if (this.timedOut(now)) this.endFrame(now, out);
    const suffix = this.opts.suffix;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (!this.busy()) this.firstByteAt = now;
      if (suffix === 'CRLF') {
        if (this.pendingCR) {
          this.pendingCR = false;
          if (b === LF) { this.endFrame(now, out); continue; }
          this.append(CR, now, out); // the held-back CR was data (e.g. inside a 2D code)
        }
        if (b === CR) { this.pendingCR = true; continue; }
      } else if ((suffix === 'CR' && b === CR) || (suffix === 'LF' && b === LF)) {
        this.endFrame(now, out);
        continue;
      }
      this.append(b, now, out);
    }
    this.lastByteAt = now;
    return out;
  }

  /** Ends the current frame if the inter-byte timeout has passed by `now`; call it when the timer fires. */
  flush(now: number): FrameOutput[] {
    const out: FrameOutput[] = [];
    if (this.timedOut(now)) this.endFrame(now, out);
    return out;
  }

  /** Epoch ms when `flush()` is due, or null when there is nothing pending (or the timeout is off). */
  deadline(): number | null {
    if (this.opts.interByteTimeoutMs === 0 || !this.busy()) return null;
    return this.lastByteAt + this.opts.interByteTimeoutMs;
  }

  private busy(): boolean {
    return this.len > 0 || this.pendingCR || this.discarding;
  }

  private timedOut(now: number): boolean {
    const due = this.deadline();
    return due !== null && now >= due;
  }

  private append(b: number, now: number, out: FrameOutput[]): void {
    if (this.discarding) return;
    if (this.len === this.buf.length) {
      out.push({
        kind: 'rejected',
        reason: `scan longer than the ${this.opts.maxLength}-byte cap (framing.maxLength); the rest of it was discarded`,
        bytes: this.buf.slice(0, this.len),
        firstByteAt: this.firstByteAt,
        completedAt: now,
      });
      this.len = 0;
      this.discarding = true;
      return;
    }
    this.buf[this.len++] = b;
  }

  private endFrame(now: number, out: FrameOutput[]): void {
    // At a timeout a held-back CR is data: the scan ended without its LF.
    if (this.pendingCR) { this.pendingCR = false; this.append(CR, now, out); }
    const wasDiscarding = this.discarding;
    this.discarding = false;
    if (wasDiscarding || this.len === 0) { this.len = 0; return; } // rejected already, or empty: dropped
    let bytes = this.buf.slice(0, this.len);
    this.len = 0;
    if (startsWith(bytes, this.prefix)) bytes = bytes.subarray(this.prefix.length);
    if (endsWith(bytes, this.suffixBytes)) bytes = bytes.subarray(0, bytes.length - this.suffixBytes.length);
    if (bytes.length === 0) return;
    out.push({ kind: 'frame', bytes, firstByteAt: this.firstByteAt, completedAt: now });
  }
}
