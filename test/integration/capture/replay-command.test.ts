import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { StationConfig } from '../../../src/config/schema';
import { toCaptureLine } from '../../../native/capture';
import { replayCapture } from '../../../native/capture/replay-command';
import { memoryLogger } from '../../helpers/memory-logger';

let dir: string;
beforeEach(async () => { dir = await fs.mkdtemp(path.join(os.tmpdir(), 'replay-command-')); });
afterEach(async () => { await fs.rm(dir, { recursive: true, force: true }); });

const text = (s: string) => new TextEncoder().encode(s);

describe('replayCapture through the real station pipeline', () => {
  it('decides every captured scan, keeps device ids, skips a malformed line, and leaves the station database alone', async () => {
    const file = path.join(dir, 'capture-2026-05-17.jsonl');
    await fs.writeFile(file, [
      toCaptureLine({ deviceId: 'pos-1', bytes: text('P-1001'), firstByteAt: 1000, receivedAt: 1010, aim: ']C0' }, 'hid-pos'),
      toCaptureLine({ deviceId: 'kbd-2', bytes: text('C-2001'), firstByteAt: 2000, receivedAt: 2030 }, 'hid-keyboard'),
      '{"deviceId":"pos-1", this is not json\n',
      toCaptureLine({ deviceId: 'pos-1', bytes: text('C-2002'), firstByteAt: 3000, receivedAt: 3010, aim: ']C0' }, 'hid-pos'),
    ].join(''));
    const stationDir = path.join(dir, 'station');
    const config = StationConfig.parse({ dataDir: stationDir, scanners: [] });
    const { logger } = memoryLogger();

    const seen: string[] = [];
    const report = await replayCapture({ file, config, logger, onResult: (r) => seen.push(r.code) });

    expect(report.lineErrors).toEqual([{ line: 3, message: `${file}:3: not valid JSON` }]);
    expect(report.summary).toEqual({ delivered: 3, rejected: 0, stopped: false });
    expect(report.results.map((r) => [r.deviceId, r.code, r.codeClass])).toEqual([
      ['pos-1', 'P-1001', 'parent'], ['kbd-2', 'C-2001', 'child'], ['pos-1', 'C-2002', 'child'],
    ]);
    expect(report.results.every((r) => r.outcome === 'good' && typeof r.seq === 'number')).toBe(true);
    expect(seen).toEqual(['P-1001', 'C-2001', 'C-2002']);
    await expect(fs.stat(report.databaseFile)).rejects.toMatchObject({ code: 'ENOENT' }); // scratch, removed
    await expect(fs.stat(stationDir)).rejects.toMatchObject({ code: 'ENOENT' }); // the station's own never touched
  });

  it('throws a plain ENOENT for a missing capture file', async () => {
    const config = StationConfig.parse({ dataDir: path.join(dir, 'station'), scanners: [] });
    await expect(replayCapture({ file: path.join(dir, 'missing.jsonl'), config, logger: memoryLogger().logger })).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
