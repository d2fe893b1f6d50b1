import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import type { HidBackend, HidDeviceInfo, HidHandle } from '../../native/hid/hid-backend';

/** "02 0d 5d 45 30" → bytes. */
export function fromHex(hex: string): Buffer {
  return Buffer.from(hex.replace(/\s+/g, ''), 'hex');
}

export interface PosFixture {
  description: string;
  device: HidDeviceInfo;
  reportId: number | null;
  reports: string[];
  scans: Array<{ aim: string; hex: string }>;
}

export interface KeyboardFixture {
  description: string;
  layout: 'us' | 'uk' | 'de' | 'fr';
  device: HidDeviceInfo;
  reports: string[];
  scans: Array<{ text: string; hex: string }>;
}

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'hid');

export function loadPosFixture(name: string): PosFixture {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, 'pos', `${name}.json`), 'utf8')) as PosFixture;
}

export function loadKeyboardFixture(name: string): KeyboardFixture {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, 'keyboard', `${name}.json`), 'utf8')) as KeyboardFixture;
}

export function listFixtures(kind: 'pos' | 'keyboard'): string[] {
  return fs.readdirSync(path.join(FIXTURES, kind)).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, '')).sort();
}

/**
 * A test double with node-hid's HIDAsync shape: an EventEmitter that emits `data` from recorded
 * reports, `error` like hidapi does on an unplug, and records what was written to it.
 */
export class FakeHidDevice extends EventEmitter implements HidHandle {
  readonly written: Buffer[] = [];
  closed = false;
  /** Set to make write() reject, like a device that refuses an output report. */
  writeError: Error | undefined;

  constructor(readonly info: HidDeviceInfo) {
    super();
  }

  async write(report: number[] | Buffer): Promise<number> {
    if (this.closed) throw new Error('device has been closed');
    if (this.writeError) throw this.writeError;
    const bytes = Buffer.from(report);
    this.written.push(bytes);
    return bytes.length;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.removeAllListeners();
  }

  async getDeviceInfo(): Promise<HidDeviceInfo> {
    return this.info;
  }

  /** Emits each hex report as one `data` event, in order. */
  feed(reports: string[]): void {
    for (const report of reports) this.emit('data', fromHex(report));
  }

  /** What hidapi does when the scanner is pulled out mid-read (node-hid stays silent once closing). */
  failRead(message = 'could not read from HID device'): void {
    if (!this.closed) this.emit('error', new Error(message));
  }
}

/**
 * Devices that can be listed and opened, plugged and unplugged by the test. `open` hands out a new
 * FakeHidDevice per call (like a real reopen) and can be told to fail, e.g. with EACCES.
 */
export class FakeHidBackend implements HidBackend {
  plugged: HidDeviceInfo[] = [];
  readonly opened: FakeHidDevice[] = [];
  readonly openCalls: string[] = [];
  listCalls = 0;
  openError: Error | undefined;
  listError: Error | undefined;

  constructor(devices: HidDeviceInfo[] = []) {
    this.plugged = [...devices];
  }

  async list(): Promise<HidDeviceInfo[]> {
    this.listCalls += 1;
    if (this.listError) throw this.listError;
    return this.plugged.map((d) => ({ ...d }));
  }

  async open(devicePath: string): Promise<HidHandle> {
    this.openCalls.push(devicePath);
    if (this.openError) throw this.openError;
    const info = this.plugged.find((d) => d.path === devicePath);
    if (!info) throw new Error(`cannot open device with path ${devicePath}`);
    const device = new FakeHidDevice(info);
    this.opened.push(device);
    return device;
  }

  /** The most recently opened device; fails the test if none was opened. */
  get last(): FakeHidDevice {
    const device = this.opened.at(-1);
    if (!device) throw new Error('no device was opened');
    return device;
  }

  unplug(): void {
    this.plugged = [];
  }

  plug(...devices: HidDeviceInfo[]): void {
    this.plugged.push(...devices);
  }
}

export function permissionError(devicePath: string): Error {
  return Object.assign(new Error(`cannot open device with path ${devicePath}: Permission denied`), { code: 'EACCES' });
}
