import { readFileSync } from 'fs';
import { join } from 'path';
import type { RawScan } from '../../../src/ports';

export const enc = new TextEncoder();
export const bytes = (s: string): Uint8Array => enc.encode(s);
export const fromHex = (hex: string): Uint8Array => Uint8Array.from(Buffer.from(hex, 'hex'));
export const text = (b: Uint8Array): string => Buffer.from(b).toString('latin1');

export function raw(data: string | Uint8Array, extra: Partial<RawScan> = {}): RawScan {
  return { deviceId: 'dev-1', bytes: typeof data === 'string' ? bytes(data) : data, firstByteAt: 100, receivedAt: 110, ...extra };
}

export function fixture<T>(...path: string[]): T {
  return JSON.parse(readFileSync(join(__dirname, '../../fixtures/scan', ...path), 'utf8')) as T;
}
