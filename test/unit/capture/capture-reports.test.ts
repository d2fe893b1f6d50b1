import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { RawScan, RejectedScan, TransportSink } from '../../../src/ports';
import type { HidPosScannerConfig } from '../../../src/config/scanners';
import type { HidDeviceInfo } from '../../../native/hid/hid-backend';
import { HidPosTransport } from '../../../native/hid/hid-pos-transport';
import { CaptureRecorder, CaptureReplayTransport, CaptureWriter, captureFileName, parseCaptureLine, readCapture, toCaptureLine } from '../../../native/capture';
import { FakeHidBackend, loadPosFixture } from '../../helpers/fake-hid';
import { memoryLogger } from '../../helpers/memory-logger';

let dir: string;
beforeEach(async () => { dir = await fs.mkdtemp(path.join(os.tmpdir(), 'capture-reports-')); });
afterEach(async () => { await fs.rm(dir, { recursive: true, force: true }); });

const T0 = new Date(2026, 4, 17, 10, 0, 0).getTime();

/** A live HID POS transport over a fake device, wrapped in the capture recorder, fed a fixture's reports. */
async function captureLive(name: string, overrides: { device?: Partial<HidDeviceInfo>; layout?: HidPosScannerConfig['layout'] } = {}) {
  const fixture = loadPosFixture(name);
  const device: HidDeviceInfo = { ...fixture.device, ...overrides.device, path: '/dev/hidraw3' };
  const backend = new FakeHidBackend([device]);
  const config: HidPosScannerConfig = { kind: 'hid-pos', id: 'pos-1', vendorId: device.vendorId, productId: device.productId, beep: false, ...(overrides.layout ? { layout: overrides.layout } : {}) };
  let clock = T0;
  const transport = new HidPosTransport(config, { logger: memoryLogger().logger, backend, now: () => (clock += 7) });
  const writer = new CaptureWriter(dir, memoryLogger().logger);
  const recorder = new CaptureRecorder(transport, writer);
  const live: RawScan[] = [];
  const refused: RejectedScan[] = [];
  const sink: TransportSink = { scan: (s) => live.push(s), status: () => undefined, rejected: (r) => refused.push(r) };
  await recorder.start(sink);
  backend.last.feed(fixture.reports);
  await recorder.stop();
  await writer.flush();
  return { fixture, live, refused, file: path.join(dir, captureFileName(T0)) };
}

async function replay(file: string) {
  const capture = await readCapture(file);
  const replayer = new CaptureReplayTransport(capture.scans, { logger: memoryLogger().logger, speed: Infinity, timestamps: 'original' });
  const scans: RawScan[] = [];
  const rejected: RejectedScan[] = [];
  await replayer.start({ scan: (s) => scans.push(s), status: () => undefined, rejected: (r) => rejected.push(r) });
  await replayer.finished;
  return { capture, scans, rejected };
}

describe('capture records HID POS input reports as they arrive, with the USB ids', () => {
  test('one line per report, report id first, with vendor and product id; no scan lines', async () => {
    const { fixture, file } = await captureLive('zebra-ds2208-hid-pos');
    const lines = (await fs.readFile(file, 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(fixture.reports.length);
    expect(lines[0]).toEqual({ type: 'report', deviceId: 'pos-1', kind: 'hid-pos', t: T0 + 7, vendorId: 0x05e0, productId: 0x2100, hex: fixture.reports[0]!.replace(/\s+/g, '') });
  });

  test.each(['zebra-ds2208-hid-pos', 'honeywell-voyager-menu-reply', 'newland-fm30-command-replies', 'gs1-datamatrix-continued-numbered'])(
    '%s: the replay reassembles the same scans the station got live (bytes, AIM ids, times)', async (name) => {
      const { live, refused, file } = await captureLive(name);
      const { scans, rejected, capture } = await replay(file);
      expect(scans).toEqual(live);
      expect(rejected).toEqual(refused);
      expect(capture.errors).toEqual([]);
      if (name !== 'gs1-datamatrix-continued-numbered' && name !== 'zebra-ds2208-hid-pos') expect(capture.notScans).toHaveLength(2);
    });

  test('a config layout override is recorded and kept by the replay', async () => {
    const { live, file } = await captureLive('zebra-ds2208-hid-pos', { device: { vendorId: 0xfff0, productId: 1 }, layout: 'zebra' });
    expect(live).toHaveLength(3);
    const first = JSON.parse((await fs.readFile(file, 'utf8')).split('\n')[0]!);
    expect(first).toMatchObject({ vendorId: 0xfff0, productId: 1, layout: 'zebra' });
    expect((await replay(file)).scans).toEqual(live);
  });

  test('a replay runs the reassembly again: a line recorded without a layout is read in the layout its ids choose now', async () => {
    // Reports recorded from the DS2208 (05E0:2100) when the station still read it as Honeywell: the
    // capture holds the reports, not the misread frames, so the replay gets the scans right.
    const fixture = loadPosFixture('zebra-ds2208-hid-pos');
    const line = (hex: string, i: number) => JSON.stringify({ type: 'report', deviceId: 'pos-1', kind: 'hid-pos', t: T0 + i, vendorId: 0x05e0, productId: 0x2100, hex: hex.replace(/\s+/g, '') });
    const file = path.join(dir, 'old-bug.jsonl');
    await fs.writeFile(file, `${fixture.reports.map(line).join('\n')}\n`);
    const { scans } = await replay(file);
    expect(scans.map((s) => [s.aim, Buffer.from(s.bytes).toString('latin1')])[0]).toEqual([']E0', '4006381333931']);
  });

  test('old capture files (one scan per line) are still read, alone or mixed with report lines', async () => {
    const old = toCaptureLine({ deviceId: 'kbd-2', bytes: new TextEncoder().encode('P-1001'), firstByteAt: T0 - 5, receivedAt: T0, aim: ']C0' }, 'hid-keyboard');
    const fixture = loadPosFixture('ean13-numbered');
    const report = JSON.stringify({ type: 'report', deviceId: 'pos-1', kind: 'hid-pos', t: T0 + 10, vendorId: 0x0c2e, productId: 0x0b87, hex: fixture.reports[0]!.replace(/\s+/g, '') });
    const file = path.join(dir, 'mixed.jsonl');
    await fs.writeFile(file, `${old}${report}\n`);
    const { scans } = await replay(file);
    expect(scans.map((s) => [s.deviceId, Buffer.from(s.bytes).toString('latin1')])).toEqual([['kbd-2', 'P-1001'], ['pos-1', '4006381333931']]);
  });

  test('a malformed report line names what is wrong', () => {
    expect(() => parseCaptureLine(JSON.stringify({ type: 'report', deviceId: 'pos-1', kind: 'hid-pos', t: 1, vendorId: 70000, productId: 1, hex: '02' }))).toThrow(/vendorId/);
    expect(() => parseCaptureLine(JSON.stringify({ type: 'report', deviceId: 'pos-1', kind: 'hid-pos', t: 1, vendorId: 1, productId: 1, hex: '02', layout: 'acme' }))).toThrow(/layout/);
  });
});
