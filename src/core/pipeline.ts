import type { Logger } from '../log/logger';
import type { RawScan, RejectedScan } from '../ports';
import type { DecodedScan, Decoder } from '../scan/decode';
import { DuplicateFilter } from '../scan/duplicates';
import { decodedEntry, ScanDiagnostics, undecodedEntry } from '../station-diagnostics';
import { uuidv7 } from '../ids';

/** Decoded, or the decoder failed (it is meant to be total) with this reason. */
export type Decoded = { scan: DecodedScan } | { failure: string };

/** A refused frame's bytes in its event and on screen are cut here; the diagnostics ring keeps them all. */
const REFUSED_PREVIEW = 64;

/**
 * Bytes to a decoded scan: decode, the diagnostics ring, and the duplicate window for device scans (a
 * double read inside it is only logged and shown in diagnostics). UI submissions are never filtered:
 * they must be answered, and a click twice is meant.
 */
export class ScanPipeline {
  readonly diagnostics = new ScanDiagnostics();
  private readonly duplicates: DuplicateFilter;

  constructor(private readonly decoder: Decoder, duplicateWindowMs: number, private readonly logger: Logger) {
    this.duplicates = new DuplicateFilter(duplicateWindowMs);
  }

  decode(raw: RawScan, filterDuplicates: true): Decoded | null;
  decode(raw: RawScan, filterDuplicates: false): Decoded;
  decode(raw: RawScan, filterDuplicates: boolean): Decoded | null {
    let scan: DecodedScan;
    try {
      scan = this.decoder(raw);
    } catch (err) {
      const failure = `Unreadable scan: ${(err as Error).message ?? String(err)}`;
      this.diagnostics.add(undecodedEntry({ ...raw, reason: failure }));
      return { failure };
    }
    const verdict = filterDuplicates && scan.valid ? this.duplicates.check(scan.key, raw.receivedAt) : null;
    const duplicate = verdict?.duplicate === true;
    this.diagnostics.add(() => decodedEntry(scan, duplicate));
    if (verdict?.duplicate) {
      this.logger.child({ correlationId: uuidv7() }).info('duplicate scan suppressed', { deviceId: raw.deviceId, code: scan.key, reason: verdict.reason });
      return null;
    }
    return { scan };
  }

  /** A frame the transport refused (over the length cap, a broken HID POS continuation …): its code and reason. */
  refused(rejection: RejectedScan): { code: string; reason: string } {
    this.diagnostics.add(undecodedEntry(rejection));
    const text = Buffer.from(rejection.bytes.subarray(0, REFUSED_PREVIEW)).toString('latin1');
    return { code: rejection.bytes.length > REFUSED_PREVIEW ? `${text}…` : text, reason: `Unreadable scan from ${rejection.deviceId}: ${rejection.reason}` };
  }
}

export function textFromUi(code: string, source: 'wedge' | 'demo', now: number): RawScan {
  return { deviceId: source, bytes: new TextEncoder().encode(code), firstByteAt: now, receivedAt: now };
}
