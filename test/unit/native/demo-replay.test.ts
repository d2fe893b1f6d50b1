import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { splitLines } from '../../../native/demo/replay-file';
import { ReplayTransport } from '../../../native/demo/replay-transport';
import { createTransports } from '../../../native/transports';
import type { DeviceStatus } from '../../../src/api';
import { ScannerConfig } from '../../../src/config/scanners';
import { createLogger } from '../../../src/log/logger';
import type { RawScan } from '../../../src/ports';

const logger = createLogger({ level: 'error' });

describe('splitLines', () => {
  test('one code per line, LF or CRLF, blank lines skipped, control bytes kept', () => {
    const content = Buffer.from('P-1\r\n\nC-1\n]d2010950\x1d10AB\n');
    expect(splitLines(content).map((b) => Buffer.from(b).toString('latin1'))).toEqual(['P-1', 'C-1', ']d2010950\x1d10AB']);
  });
});

function collect(transport: ReplayTransport, until: (statuses: DeviceStatus[]) => boolean) {
  const scans: RawScan[] = [];
  const statuses: DeviceStatus[] = [];
  return new Promise<{ scans: RawScan[]; statuses: DeviceStatus[] }>((resolve) => {
    void transport.start({
      scan: (s) => scans.push(s),
      status: (s) => { statuses.push(s); if (until(statuses)) resolve({ scans, statuses }); },
    });
  });
}

describe('ReplayTransport', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replay-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('feeds each code in order, tagged with the demo device id, then says it finished', async () => {
    const file = path.join(dir, 'codes.txt');
    fs.writeFileSync(file, 'P-1001\nC-1\nC-2\n');
    const transport = new ReplayTransport({ kind: 'demo', id: 'demo', replayFile: file, replayIntervalMs: 10 }, logger);
    const { scans, statuses } = await collect(transport, (s) => /finished/.test(s.at(-1)?.detail ?? ''));
    expect(scans.map((s) => [s.deviceId, Buffer.from(s.bytes).toString()])).toEqual([['demo', 'P-1001'], ['demo', 'C-1'], ['demo', 'C-2']]);
    expect(statuses.map((s) => s.detail)).toEqual([`replaying 3 codes from ${file}`, 'replay finished: 3 codes sent']);
    await transport.stop();
  });

  test('a missing file gives a clear error status and no scans', async () => {
    const file = path.join(dir, 'missing.txt');
    const transport = new ReplayTransport({ kind: 'demo', id: 'demo', replayFile: file, replayIntervalMs: 10 }, logger);
    const { scans, statuses } = await collect(transport, (s) => s.length > 0);
    expect(statuses).toEqual([{ deviceId: 'demo', kind: 'demo', status: 'error', detail: `demo replay file not found: ${file}` }]);
    expect(scans).toEqual([]);
  });
});

describe('createTransports', () => {
  test('one transport per scanner, each with its own id; a demo scanner without a replay file has none', () => {
    const scanners = [
      { kind: 'demo', id: 'demo' },
      { kind: 'demo', id: 'demo-replay', replayFile: '/tmp/x.txt' },
      { kind: 'serial', id: 'pack-1', path: '/dev/ttyACM0' },
      { kind: 'hid-pos', id: 'pos-1', vendorId: 0x0c2e, productId: 0x0b87 },
      { kind: 'hid-keyboard', id: 'kbd-1', vendorId: 0x05e0, productId: 0x1200 },
    ].map((s) => ScannerConfig.parse(s));
    const transports = createTransports(scanners, logger);
    expect(transports.map((t) => [t.kind, t.deviceId])).toEqual([
      ['demo', 'demo-replay'], ['serial', 'pack-1'], ['hid-pos', 'pos-1'], ['hid-keyboard', 'kbd-1'],
    ]);
  });
});
