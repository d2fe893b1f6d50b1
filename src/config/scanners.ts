import { z } from 'zod';
import { DeviceId } from '../api';
import { FramingOptions } from '../scan/framer';

/** A serial or USB-CDC scanner: port settings plus how its byte stream is cut into scans. */
export const SerialScannerConfig = z.object({
  kind: z.literal('serial'),
  id: DeviceId,
  path: z.string().min(1),
  baudRate: z.number().int().positive().default(9600),
  dataBits: z.union([z.literal(5), z.literal(6), z.literal(7), z.literal(8)]).default(8),
  parity: z.enum(['none', 'even', 'odd', 'mark', 'space']).default('none'),
  stopBits: z.union([z.literal(1), z.literal(1.5), z.literal(2)]).default(1),
  framing: FramingOptions.default(FramingOptions.parse({})),
}).strict();

/** The on-screen demo panel and/or a replay file of scans, so the station works with no hardware. */
export const DemoScannerConfig = z.object({
  kind: z.literal('demo'),
  id: DeviceId.default('demo'),
  /** A text file with one code per line, replayed at `replayIntervalMs`. */
  replayFile: z.string().optional(),
  replayIntervalMs: z.number().int().min(10).default(1000),
}).strict();

/** How a USB HID scanner is recognised again after a replug: vendor/product id and, if set, serial number. */
const UsbMatch = {
  vendorId: z.number().int().min(0).max(0xffff),
  productId: z.number().int().min(0).max(0xffff),
  serialNumber: z.string().optional(),
};

/** A USB scanner in HID POS mode (usage page 0x8C): symbology id and data arrive out of band, byte-exact. */
export const HidPosScannerConfig = z.object({
  kind: z.literal('hid-pos'),
  id: DeviceId,
  ...UsbMatch,
  /** Send the device's good-read / bad-read beep output reports after the station decides. */
  beep: z.boolean().default(true),
  /**
   * Where the fields of input report 0x02 sit (docs/scanners-hid.md). Unset: chosen by the USB ids
   * from native/hid/hid-pos-layouts.json.
   */
  layout: z.enum(['honeywell', 'zebra', 'newland']).optional(),
}).strict();

/** A USB scanner in keyboard mode, read directly from hidraw (Linux only; other systems need the wedge). */
export const HidKeyboardScannerConfig = z.object({
  kind: z.literal('hid-keyboard'),
  id: DeviceId,
  ...UsbMatch,
  layout: z.enum(['us', 'uk', 'de', 'fr']).default('us'),
  /** A pause longer than this ends a scan when the scanner sends no suffix key. */
  interKeyTimeoutMs: z.number().int().min(0).max(5000).default(50),
}).strict();

export const ScannerConfig = z.discriminatedUnion('kind', [SerialScannerConfig, DemoScannerConfig, HidPosScannerConfig, HidKeyboardScannerConfig]);
export type ScannerConfig = z.infer<typeof ScannerConfig>;
export type SerialScannerConfig = z.infer<typeof SerialScannerConfig>;
export type DemoScannerConfig = z.infer<typeof DemoScannerConfig>;
export type HidPosScannerConfig = z.infer<typeof HidPosScannerConfig>;
export type HidKeyboardScannerConfig = z.infer<typeof HidKeyboardScannerConfig>;
