import { z } from 'zod';
import { DeviceStatus } from '../../src/api';
import type { RawScan } from '../../src/ports';
import type { RawReport } from './raw-reports';

const HEX = /^(?:[0-9a-f]{2})*$/;

/**
 * One line of a capture file: a scan exactly as its transport delivered it. `t` is when the frame
 * was complete (epoch ms); `reason` marks a frame the transport refused (e.g. over the length cap).
 */
export const CaptureLine = z.object({
  deviceId: z.string().min(1),
  kind: DeviceStatus.shape.kind,
  t: z.number().finite(),
  firstByteAt: z.number().finite(),
  aim: z.string().optional(),
  hex: z.string().regex(HEX, 'hex must be an even number of lower-case hex digits'),
  reason: z.string().optional(),
}).strict();
export type CaptureLine = z.infer<typeof CaptureLine>;

/**
 * One line of a capture file: a HID input report exactly as it arrived (report id first, as node-hid
 * reads it), with the device's USB ids. A replay reassembles scans from these lines again.
 */
export const CaptureReportLine = z.object({
  type: z.literal('report'),
  deviceId: z.string().min(1),
  kind: z.literal('hid-pos'),
  t: z.number().finite(),
  vendorId: z.number().int().min(0).max(0xffff),
  productId: z.number().int().min(0).max(0xffff),
  layout: z.enum(['honeywell', 'zebra', 'newland']).optional(),
  hex: z.string().regex(HEX, 'hex must be an even number of lower-case hex digits'),
}).strict();
export type CaptureReportLine = z.infer<typeof CaptureReportLine>;

/** A report line turned back into the report it records. */
export interface CapturedReport {
  kind: 'hid-pos';
  report: RawReport;
}

export function toCaptureReportLine(report: RawReport): string {
  const line: CaptureReportLine = {
    type: 'report',
    deviceId: report.deviceId,
    kind: 'hid-pos',
    t: report.t,
    vendorId: report.vendorId,
    productId: report.productId,
    ...(report.layout !== undefined ? { layout: report.layout } : {}),
    hex: Buffer.from(report.bytes).toString('hex'),
  };
  return `${JSON.stringify(line)}\n`;
}

/** A capture line turned back into what the transport delivered. */
export interface CapturedScan {
  kind: CaptureLine['kind'];
  scan: RawScan;
  /** Present when the transport refused this frame. */
  reason?: string;
}

export function toCaptureLine(scan: RawScan, kind: CaptureLine['kind'], reason?: string): string {
  const line: CaptureLine = {
    deviceId: scan.deviceId,
    kind,
    t: scan.receivedAt,
    firstByteAt: scan.firstByteAt,
    ...(scan.aim !== undefined ? { aim: scan.aim } : {}),
    hex: Buffer.from(scan.bytes).toString('hex'),
    ...(reason !== undefined ? { reason } : {}),
  };
  return `${JSON.stringify(line)}\n`;
}

const issues = (error: z.ZodError) => error.issues.map((i) => `${i.path.join('.') || 'line'}: ${i.message}`).join('; ');

/**
 * Parses one line: a scan (the format every capture so far has) or a raw report line (`"type":"report"`).
 * Throws an Error whose message says what is wrong with it.
 */
export function parseCaptureLine(text: string): CapturedScan | CapturedReport {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error('not valid JSON');
  }
  if (typeof json === 'object' && json !== null && (json as { type?: unknown }).type === 'report') {
    const report = CaptureReportLine.safeParse(json);
    if (!report.success) throw new Error(issues(report.error));
    const { type: _type, kind, hex, ...rest } = report.data;
    return { kind, report: { ...rest, bytes: new Uint8Array(Buffer.from(hex, 'hex')) } };
  }
  const parsed = CaptureLine.safeParse(json);
  if (!parsed.success) throw new Error(issues(parsed.error));
  const line = parsed.data;
  const scan: RawScan = {
    deviceId: line.deviceId,
    bytes: new Uint8Array(Buffer.from(line.hex, 'hex')),
    firstByteAt: line.firstByteAt,
    receivedAt: line.t,
    ...(line.aim !== undefined ? { aim: line.aim } : {}),
  };
  return { kind: line.kind, scan, ...(line.reason !== undefined ? { reason: line.reason } : {}) };
}

export const isCapturedReport = (item: CapturedScan | CapturedReport): item is CapturedReport => 'report' in item;

/** Local-date file name, so a supervisor finds "today's" capture where they expect it. */
export function captureFileName(epochMs: number): string {
  const d = new Date(epochMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `capture-${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}.jsonl`;
}
