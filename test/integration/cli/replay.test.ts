import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { toCaptureLine } from '../../../native/capture';
import { jsonLines, station } from './run-cli';

let dir: string;
beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replay-cli-')); });
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const text = (s: string) => new TextEncoder().encode(s);

function writeCapture(): string {
  const file = path.join(dir, 'capture.jsonl');
  fs.writeFileSync(file, [
    toCaptureLine({ deviceId: 'serial-1', bytes: text('P-1001'), firstByteAt: 1000, receivedAt: 1005 }, 'serial'),
    toCaptureLine({ deviceId: 'serial-1', bytes: text('C-2001'), firstByteAt: 1100, receivedAt: 1105 }, 'serial'),
    'not json at all\n',
    toCaptureLine({ deviceId: 'serial-1', bytes: new Uint8Array(10).fill(0x41), firstByteAt: 1200, receivedAt: 1205 }, 'serial', 'scan longer than the 8-byte cap'),
  ].join(''));
  return file;
}

describe('station replay', () => {
  test('prints one JSON line per result, line errors on stderr, and leaves the station database alone', () => {
    const file = writeCapture();
    const data = path.join(dir, 'data');
    const r = station(['replay', file, '--data-dir', data]);
    expect(r.code).toBe(0);
    expect(jsonLines(r.stdout)).toEqual([
      expect.objectContaining({ deviceId: 'serial-1', code: 'P-1001', outcome: 'good', seq: 1 }),
      expect.objectContaining({ code: 'C-2001', outcome: 'good', seq: 2 }),
      expect.objectContaining({ outcome: 'bad', message: 'Unreadable scan from serial-1: scan longer than the 8-byte cap', seq: 3 }),
    ]);
    expect(r.stderr).toContain(`station: skipped ${file}:3: not valid JSON`);
    expect(r.stderr).toContain('replayed 2 scans and 1 refused frames');
    expect(fs.existsSync(path.join(data, 'station.db'))).toBe(false);
  });

  test('--into-station commits into the station\'s own database', () => {
    const file = writeCapture();
    const data = path.join(dir, 'data');
    const r = station(['replay', file, '--data-dir', data, '--into-station', '--speed', '100']);
    expect(r.code).toBe(0);
    const db = new Database(path.join(data, 'station.db'), { readonly: true });
    try {
      expect(db.prepare('SELECT type FROM events ORDER BY seq').pluck().all()).toEqual(['bag.parent_opened', 'bag.child_linked', 'scan.rejected']);
    } finally {
      db.close();
    }
  });

  test('a missing file, no file and a bad --speed each say what is wrong', () => {
    const missing = station(['replay', path.join(dir, 'missing.jsonl'), '--data-dir', dir]);
    expect(missing).toMatchObject({ code: 1, stdout: '' });
    expect(missing.stderr).toBe(`station: capture file not found: ${path.join(dir, 'missing.jsonl')}\n`);
    const none = station(['replay']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('expected exactly one capture FILE');
    const speed = station(['replay', 'x.jsonl', '--speed', 'fast']);
    expect(speed.code).toBe(2);
    expect(speed.stderr).toContain('--speed: expected a number');
  });
});
