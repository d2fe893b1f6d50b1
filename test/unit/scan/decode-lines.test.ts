import { createLineDecoder, decodeLines, splitLines } from '../../../src/scan/decode-lines';
import { ScanRules } from '../../../src/scan/rules';
import { bytes } from './helpers';

describe('decode-lines (station decode)', () => {
  test('one JSON object per line, fields in the documented order, bytes exact', () => {
    const out = decodeLines(bytes(']C10109506000134352\x1d10AB\nP-1001\r\n\n\x01\n'), ScanRules.parse({}));
    expect(out.map((o) => Object.keys(o))).toEqual(Array(4).fill(['raw', 'aim', 'symbology', 'text', 'gs1', 'class', 'valid', 'error']));
    expect(out[0]).toEqual({
      raw: Buffer.from(']C10109506000134352\x1d10AB').toString('hex'), aim: ']C1', symbology: 'gs1-128', text: '0109506000134352\x1d10AB',
      gs1: [{ ai: '01', value: '09506000134352' }, { ai: '10', value: 'AB' }], class: 'unknown', valid: true, error: null,
    });
    expect(out[1]).toMatchObject({ raw: Buffer.from('P-1001').toString('hex'), class: 'parent', valid: true });
    expect(out[2]).toMatchObject({ raw: '', valid: false, error: expect.stringMatching(/empty scan/) });
    expect(out[3]).toMatchObject({ raw: '01', valid: false, error: expect.stringMatching(/control character 0x01/) });
    expect(JSON.parse(JSON.stringify(out))).toEqual(out);
  });

  test('a last line without LF counts; a trailing LF adds no empty line', () => {
    expect(decodeLines(bytes('P-1001\nC-2001'), ScanRules.parse({})).map((o) => o.class)).toEqual(['parent', 'child']);
    expect(decodeLines(bytes('P-1001\n'), ScanRules.parse({}))).toHaveLength(1);
  });

  test('splitLines streams: the tail waits for the next chunk', () => {
    const first = splitLines(bytes('P-1001\nC-20'));
    expect(first.lines.map((l) => Buffer.from(l).toString())).toEqual(['P-1001']);
    const next = splitLines(Uint8Array.from([...first.rest, ...bytes('01\n')]));
    const decode = createLineDecoder(ScanRules.parse({}));
    expect(next.lines.map((l) => decode(l).text)).toEqual(['C-2001']);
    expect(next.rest).toHaveLength(0);
  });
});
