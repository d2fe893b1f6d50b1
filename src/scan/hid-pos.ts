import { type HidPosLayoutName, PAYLOAD_LENGTH, aimFor, nonScanReason, parsePayload } from './hid-pos-layouts';

export { HID_POS_LAYOUTS, type HidPosLayoutName } from './hid-pos-layouts';

/** HID Point of Sale: the bar code scanner usage page and usage, and its scanned-data input report. */
export const HID_POS_USAGE_PAGE = 0x8c;
export const HID_POS_SCANNER_USAGE = 0x02;
export const SCANNED_DATA_REPORT_ID = 0x02;
const FLAGS_AT = 62;

/**
 * Whether reads start with the report id. hidapi prepends it for devices with numbered reports (the
 * usual case, 64 bytes) and not otherwise (63 bytes); 'auto' decides by the read's size.
 */
export type ReportIdConvention = 'auto' | 'prefixed' | 'none';

export interface HidPosOptions {
  reportId?: ReportIdConvention;
  /** Where the fields of report 0x02 sit for this device (default: honeywell, the usage tables' order). */
  layout?: HidPosLayoutName;
  /** Longest scan accepted, over all its reports. */
  maxLength?: number;
  /** A continued scan whose next report takes longer than this is dropped as incomplete. */
  continuationTimeoutMs?: number;
}

/**
 * `scan`: a bar code. `rejected`: scan data that could not be used (the station shows why).
 * `ignored`: traffic on the scanned-data report that is not a bar code (a menu or command reply):
 * never a scan, logged with its reason.
 */
export type HidPosOutput =
  | { kind: 'scan'; bytes: Uint8Array; aim: string | null; vendorCodeId: number; symbologyId: string | null; firstByteAt: number; completedAt: number }
  | { kind: 'rejected'; reason: string; bytes: Uint8Array; aim: string | null; firstByteAt: number; completedAt: number }
  | { kind: 'ignored'; reason: string; bytes: Uint8Array; aim: string | null; firstByteAt: number; completedAt: number };

function concat(parts: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) { out.set(part, at); at += part.length; }
  return out;
}

/**
 * Reassembles HID POS scanned-data reports into scans: pure, time injected. A scan longer than 56
 * bytes arrives in several reports chained by the "continued" flag. Reports with another report id
 * (status, vendor) are ignored. Never throws.
 */
export class HidPosDecoder {
  private readonly reportId: ReportIdConvention;
  readonly layout: HidPosLayoutName;
  private readonly maxLength: number;
  private readonly continuationTimeoutMs: number;
  private parts: Uint8Array[] = [];
  private total = 0;
  private aim: string | null = null;
  private symbologyId: string | null = null;
  private firstAt = 0;
  private lastAt = 0;
  /** The scan outgrew maxLength and was rejected: drop its remaining reports. */
  private discarding = false;

  constructor(opts: HidPosOptions = {}) {
    this.reportId = opts.reportId ?? 'auto';
    this.layout = opts.layout ?? 'honeywell';
    this.maxLength = opts.maxLength ?? 4096;
    this.continuationTimeoutMs = opts.continuationTimeoutMs ?? 1000;
  }

  /** Feeds one input report as read (`now` in epoch ms). Returns completed or rejected scans. */
  push(report: Uint8Array, now: number): HidPosOutput[] {
    const out: HidPosOutput[] = [];
    if (this.pending() && now - this.lastAt > this.continuationTimeoutMs) {
      this.reject(out, `incomplete scan: no continuation report within ${this.continuationTimeoutMs} ms`, now);
    }
    const prefixed = this.reportId === 'prefixed' || (this.reportId === 'auto' && report.length > PAYLOAD_LENGTH);
    if (prefixed && report[0] !== SCANNED_DATA_REPORT_ID) return out; // another report (status, vendor): not scan data
    const p = prefixed ? report.subarray(1) : report;
    if (p.length < PAYLOAD_LENGTH) {
      this.reject(out, `HID POS report too short: ${report.length} bytes, a scanned-data report has ${PAYLOAD_LENGTH + (prefixed ? 1 : 0)}`, now, true);
      return out;
    }
    if (p[0] === 0 && (p[FLAGS_AT]! & 0x01) === 0 && !this.pending()) return out; // an empty read: nothing scanned
    const parsed = parsePayload(this.layout, p);
    if (typeof parsed === 'string') {
      this.reject(out, parsed, now, true);
      return out;
    }
    // A continued scan repeats its symbology id in every report (Newland's reports have none).
    const { symbologyId } = parsed;
    if (this.pending() && symbologyId !== this.symbologyId) {
      const shown = (id: string | null) => (id === null ? 'no symbology id' : JSON.stringify(id));
      this.reject(out, `continued scan (${shown(this.symbologyId)}) interrupted by a report with another symbology id (${shown(symbologyId)})`, now);
    }
    if (!this.pending()) { this.firstAt = now; this.aim = parsed.aim; this.symbologyId = symbologyId; }
    this.lastAt = now;
    this.append(parsed.data, now, out);
    if (!parsed.continued) this.complete(parsed.vendorCodeId, now, out);
    return out;
  }

  /** Drops a partial scan (unplug, stop). Returns how many bytes were dropped. */
  reset(): number {
    const dropped = this.total;
    this.parts = [];
    this.total = 0;
    this.aim = null;
    this.symbologyId = null;
    this.discarding = false;
    return dropped;
  }

  private pending(): boolean {
    return this.total > 0 || this.discarding || this.parts.length > 0;
  }

  private append(data: Uint8Array, now: number, out: HidPosOutput[]): void {
    if (this.discarding) return;
    if (this.total + data.length > this.maxLength) {
      const { aim, symbologyId, firstAt } = this;
      this.reject(out, `scan longer than the ${this.maxLength}-byte cap; the rest of it was discarded`, now);
      // Keep following the same scan so its remaining continuation reports are dropped, not started anew.
      this.discarding = true;
      this.aim = aim;
      this.symbologyId = symbologyId;
      this.firstAt = firstAt;
      return;
    }
    this.parts.push(data.slice());
    this.total += data.length;
  }

  private complete(vendorCodeId: number, now: number, out: HidPosOutput[]): void {
    const wasDiscarding = this.discarding;
    const bytes = concat(this.parts, this.total);
    const { symbologyId, firstAt } = this;
    // The vendor's code id is read from the last report: the one that completes the scan.
    const aim = aimFor(this.layout, symbologyId, vendorCodeId);
    this.reset();
    if (wasDiscarding || bytes.length === 0) return; // rejected already, or an empty read: nothing to report
    const notScan = nonScanReason(this.layout, aim, vendorCodeId, bytes);
    if (notScan) {
      out.push({ kind: 'ignored', reason: notScan, bytes, aim, firstByteAt: firstAt, completedAt: now });
      return;
    }
    out.push({ kind: 'scan', bytes, aim, vendorCodeId, symbologyId, firstByteAt: firstAt, completedAt: now });
  }

  /** Rejects the partial scan (if any); `alone` also rejects when nothing is pending (a bad lone report). */
  private reject(out: HidPosOutput[], reason: string, now: number, alone = false): void {
    if (!this.pending() && !alone) return;
    const bytes = concat(this.parts, this.total);
    const wasDiscarding = this.discarding;
    const aim = this.aim;
    const firstAt = this.pending() ? this.firstAt : now;
    this.reset();
    if (wasDiscarding && !alone) return; // its rejection was reported when it hit the cap
    out.push({ kind: 'rejected', reason, bytes, aim, firstByteAt: firstAt, completedAt: now });
  }
}
