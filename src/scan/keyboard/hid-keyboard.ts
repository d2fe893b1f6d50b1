import { Framer, type FrameOutput } from '../framer';
import { BootKeyboardDecoder, type BootKeyboardOptions } from './boot-report';

export interface HidKeyboardScanOptions extends BootKeyboardOptions {
  /** A pause of this long ends a scan when no suffix key comes (0 = only the suffix ends it). */
  interKeyTimeoutMs: number;
  /** Keys that end a scan. Other named keys are not data and are ignored. */
  suffixKeys?: readonly string[];
  maxLength?: number;
}

const CR = new Uint8Array([0x0d]);
const TAB = new Uint8Array([0x09]);

/**
 * A keyboard-mode scanner read as raw HID reports (Linux hidraw): reports → characters → scans, ended by
 * a suffix key (Enter by default) or a pause. Same contract as the serial Framer: push/flush/deadline.
 */
export class HidKeyboardScanner {
  private readonly keys: BootKeyboardDecoder;
  private readonly framer: Framer;
  private readonly suffixes: ReadonlySet<string>;
  private readonly encoder = new TextEncoder();

  constructor(opts: HidKeyboardScanOptions) {
    this.keys = new BootKeyboardDecoder(opts);
    this.suffixes = new Set(opts.suffixKeys ?? ['Enter']);
    // The framer ends a scan on CR (what a suffix key becomes) and on the inter-key pause.
    this.framer = new Framer({
      suffix: 'CR',
      interByteTimeoutMs: opts.interKeyTimeoutMs,
      maxLength: opts.maxLength ?? 4096,
      stripPrefix: '',
      stripSuffix: '',
    });
  }

  /** Feeds one input report read at `now`. */
  push(report: Uint8Array, now: number): FrameOutput[] {
    const { keystrokes, error } = this.keys.report(report);
    const out: FrameOutput[] = [];
    if (error !== null) out.push({ kind: 'rejected', reason: error, bytes: report.slice(), firstByteAt: now, completedAt: now });
    for (const k of keystrokes) {
      if (k.kind === 'key') {
        if (this.suffixes.has(k.name)) out.push(...this.framer.push(CR, now));
        else if (k.name === 'Tab') out.push(...this.framer.push(TAB, now)); // data, e.g. a field separator
        continue;
      }
      // A CR typed as data would end the frame: a scan with CR in it is only possible with a suffix key.
      out.push(...this.framer.push(this.encoder.encode(k.char), now));
    }
    return out;
  }

  flush(now: number): FrameOutput[] {
    return this.framer.flush(now);
  }

  deadline(): number | null {
    return this.framer.deadline();
  }

  /** Device lost: forget held keys. A partial scan ends at its deadline as usual. */
  reset(): void {
    this.keys.reset();
  }
}
