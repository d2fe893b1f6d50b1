import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { RawScan } from '../../../src/ports';
import { CaptureRecorder, CaptureWriter, readCapture, toCaptureLine } from '../../../native/capture';
import { memoryLogger } from '../../helpers/memory-logger';

let dir: string;
beforeEach(async () => { dir = await fs.mkdtemp(path.join(os.tmpdir(), 'capture-errors-')); });
afterEach(async () => { await fs.rm(dir, { recursive: true, force: true }); });

const scan = (n: number): RawScan => ({ deviceId: 'serial-1', bytes: new Uint8Array([0x41 + n]), firstByteAt: 1000 + n, receivedAt: 1001 + n });

describe('readCapture', () => {
  it('names the line of each malformed entry and keeps reading the rest', async () => {
    const file = path.join(dir, 'capture.jsonl');
    await fs.writeFile(file, [
      toCaptureLine(scan(0), 'serial').trimEnd(),
      '{"deviceId":"serial-1","kind":"serial","t":5,"firstByteAt":4,"hex":"4', // cut off mid-write
      '',
      JSON.stringify({ deviceId: 'serial-1', kind: 'serial', t: 5, firstByteAt: 4, hex: 'zz' }),
      JSON.stringify({ deviceId: 'serial-1', kind: 'bluetooth', t: 5, firstByteAt: 4, hex: '41' }),
      JSON.stringify({ deviceId: 'serial-1', kind: 'serial', firstByteAt: 4, hex: '41' }),
      toCaptureLine(scan(1), 'serial').trimEnd(),
    ].join('\r\n'));
    const capture = await readCapture(file);
    expect(capture.scans.map((c) => c.scan)).toEqual([scan(0), scan(1)]);
    expect(capture.errors.map((e) => e.line)).toEqual([2, 4, 5, 6]);
    expect(capture.errors[0]!.message).toBe(`${file}:2: not valid JSON`);
    expect(capture.errors[1]!.message).toMatch(/:4: hex: hex must be an even number/);
    expect(capture.errors[2]!.message).toMatch(/:5: kind:/);
    expect(capture.errors[3]!.message).toMatch(/:6: t:/);
  });

  it('rejects a missing file with ENOENT instead of an empty capture', async () => {
    await expect(readCapture(path.join(dir, 'nope.jsonl'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('CaptureWriter', () => {
  it('never breaks scanning when the disk refuses: scans flow, one warning per run of failures', async () => {
    const blocker = path.join(dir, 'not-a-folder');
    await fs.writeFile(blocker, 'x');
    const { logger, at } = memoryLogger();
    const writer = new CaptureWriter(path.join(blocker, 'captures'), logger);
    const delivered: RawScan[] = [];
    const recorder = new CaptureRecorder({
      deviceId: 'serial-1', kind: 'serial', stop: async () => undefined,
      start: async (sink) => { for (let i = 0; i < 5; i++) sink.scan(scan(i)); },
    }, writer);
    await recorder.start({ scan: (s) => delivered.push(s), status: () => undefined });
    await writer.flush();
    expect(delivered).toHaveLength(5);
    expect(at('warn')).toHaveLength(1);
    expect(at('warn')[0]!.message).toMatch(/cannot write; scanning goes on/);
  });
});
