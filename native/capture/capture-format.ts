import { z } from 'zod';
import { DeviceStatus } from '../../src/api';
import type { RawScan } from '../../src/ports';

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

/** Parses one line; throws an Error whose message says what is wrong with it. */
export function parseCaptureLine(text: string): CapturedScan {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error('not valid JSON');
  }
  const parsed = CaptureLine.safeParse(json);
  if (!parsed.success) {
    throw new Error(parsed.error.issues.map((i) => `${i.path.join('.') || 'line'}: ${i.message}`).join('; '));
  }
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

/** Local-date file name, so a supervisor finds "today's" capture where they expect it. */
export function captureFileName(epochMs: number): string {
  const d = new Date(epochMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `capture-${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}.jsonl`;
}
