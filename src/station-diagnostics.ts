import { DIAGNOSTICS_KEPT, type DiagnosticScan } from './api';
import type { RejectedScan } from './ports';
import type { DecodedScan } from './scan/decode';

/** Lowercase hex, no separators: the bytes exactly as the transport delivered them. */
export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

function isoAt(epochMs: number): string {
  const date = new Date(epochMs);
  return Number.isNaN(date.getTime()) ? new Date(0).toISOString() : date.toISOString();
}

export function decodedEntry(scan: DecodedScan, duplicate: boolean): DiagnosticScan {
  return {
    at: isoAt(scan.receivedAt), deviceId: scan.deviceId, hex: toHex(scan.raw), text: scan.text,
    aim: scan.aim, symbology: scan.symbology, gs1: scan.gs1?.map(({ ai, value }) => ({ ai, value })) ?? null,
    codeClass: scan.codeClass, valid: scan.valid, error: scan.error, duplicate,
  };
}

/** A frame the transport refused, or one the decoder could not handle: no decode, only the bytes and the reason. */
export function undecodedEntry(raw: RejectedScan): DiagnosticScan {
  return {
    at: isoAt(raw.receivedAt), deviceId: raw.deviceId, hex: toHex(raw.bytes), text: Buffer.from(raw.bytes).toString('latin1'),
    aim: raw.aim ?? null, symbology: null, gs1: null, codeClass: 'unknown', valid: false, error: raw.reason, duplicate: false,
  };
}

/**
 * The last scans as the supervisor's diagnostics screen shows them, newest first. Memory only and
 * bounded: it describes what the scanners sent, the event log stays the record.
 */
export class ScanDiagnostics {
  private readonly ring: Array<DiagnosticScan | (() => DiagnosticScan)> = [];

  /**
   * `entry` may be a function that builds it: a scan's entry (hex, ISO time …) is then built only if
   * the diagnostics screen asks, not on the way to the packer's answer.
   */
  add(entry: DiagnosticScan | (() => DiagnosticScan)): void {
    this.ring.unshift(entry);
    if (this.ring.length > DIAGNOSTICS_KEPT) this.ring.length = DIAGNOSTICS_KEPT;
  }

  recent(limit: number): DiagnosticScan[] {
    const shown = Math.min(limit, this.ring.length);
    for (let i = 0; i < shown; i++) {
      const entry = this.ring[i]!;
      if (typeof entry === 'function') this.ring[i] = entry();
    }
    return this.ring.slice(0, shown) as DiagnosticScan[];
  }
}
