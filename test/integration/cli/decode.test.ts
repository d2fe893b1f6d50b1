import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { jsonLines, station } from './run-cli';

const GS = 0x1d;
const bytes = (...parts: Array<string | number[]>) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('station decode', () => {
  test('one JSON object per input line, bytes exact: a GS byte, a bad check digit, binary junk, a last line without LF', () => {
    const input = bytes(
      ']C10109506000134352', [GS], '10ABC\n',
      ']C10109506000134353\r\n', // CRLF from a Windows file: the CR is not data
      [0xff, 0x00, 0x80, 0x1b], 'junk\n',
      'P-1001',
    );
    const r = station(['decode'], { input });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(jsonLines(r.stdout)).toEqual([
      {
        raw: bytes(']C10109506000134352', [GS], '10ABC').toString('hex'), aim: ']C1', symbology: 'gs1-128', text: '0109506000134352\u001d10ABC',
        gs1: [{ ai: '01', value: '09506000134352' }, { ai: '10', value: 'ABC' }], class: 'unknown', valid: true, error: null,
      },
      expect.objectContaining({ raw: Buffer.from(']C10109506000134353').toString('hex'), valid: false, error: expect.stringContaining('check digit') }),
      expect.objectContaining({ raw: 'ff00801b6a756e6b', aim: null, valid: false, error: expect.stringMatching(/UTF-8/) }),
      { raw: Buffer.from('P-1001').toString('hex'), aim: null, symbology: null, text: 'P-1001', gs1: null, class: 'parent', valid: true, error: null },
    ]);
  });

  test('--config applies the station\'s scan rules', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'decode-'));
    try {
      const config = path.join(dir, 'station.json');
      fs.writeFileSync(config, JSON.stringify({ scanRules: { codeClasses: { parent: '^BAG[0-9]+$' } } }));
      const [line] = jsonLines(station(['decode', '--config', config], { input: 'BAG42\n' }).stdout);
      expect(line).toMatchObject({ text: 'BAG42', class: 'parent', valid: true });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('empty input gives no output; a broken config is a usage error (exit 2)', () => {
    expect(station(['decode'])).toMatchObject({ code: 0, stdout: '' });
    const r = station(['decode', '--config', '/nonexistent/station.yaml'], { input: 'P-1\n' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('/nonexistent/station.yaml');
  });

  test('--help describes it', () => {
    const r = station(['decode', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('usage: station decode [--config FILE]');
  });
});
