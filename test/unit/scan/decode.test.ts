import { KNOWN_SYMBOLOGIES, leadingAim, lookupAim } from '../../../src/scan/aim';
import { createDecoder } from '../../../src/scan/decode';
import { ScanRules } from '../../../src/scan/rules';
import { raw } from './helpers';

const GS = '\x1d';
const decode = createDecoder(ScanRules.parse({}));

describe('AIM symbology identifiers', () => {
  test.each([
    [']C1', 'gs1-128', 'element-string'], [']C0', 'code-128', null], [']E0', 'ean-13', 'gtin'], [']E4', 'ean-8', 'gtin'],
    [']d1', 'datamatrix', null], [']d2', 'gs1-datamatrix', 'element-string'], [']Q1', 'qr', null], [']Q3', 'gs1-qr', 'element-string'],
    [']e0', 'gs1-databar', 'element-string'], [']J1', 'gs1-dotcode', 'element-string'], [']A0', 'code-39', null], [']I1', 'itf', null],
    [']L2', 'pdf417', null], [']z0', 'aztec', null], [']F0', 'codabar', null],
  ])('%s is %s', (aim, id, gs1) => {
    expect(lookupAim(aim)).toMatchObject({ id, gs1 });
  });

  test('unknown code characters and malformed ids give null', () => {
    expect(lookupAim(']W0')).toBeNull();
    expect(lookupAim('C1')).toBeNull();
    expect(lookupAim(']c')).toBeNull();
  });

  test('a leading AIM id is recognised only in its exact shape', () => {
    expect(leadingAim(new TextEncoder().encode(']C1010'))).toBe(']C1');
    expect(leadingAim(new TextEncoder().encode(']]1'))).toBeNull();
    expect(leadingAim(new TextEncoder().encode(']C'))).toBeNull();
  });

  test('the symbology ids used by allow-lists', () => {
    expect([...KNOWN_SYMBOLOGIES]).toEqual(expect.arrayContaining(['gs1-128', 'ean-13', 'qr', 'datamatrix', 'gs1-datamatrix', 'code-39']));
  });
});

describe('createDecoder', () => {
  test('GS1-128 with AIM id: symbology, text without the AIM id, GS1 elements', () => {
    const d = decode(raw(`]C10109506000134352${GS}10ABC`));
    expect(d).toMatchObject({
      aim: ']C1', symbology: 'gs1-128', text: `0109506000134352${GS}10ABC`, valid: true, error: null, codeClass: 'unknown',
      gs1: [{ ai: '01', value: '09506000134352' }, { ai: '10', value: 'ABC' }],
      deviceId: 'dev-1', firstByteAt: 100, receivedAt: 110,
    });
  });

  test('the AIM id reported out of band (HID POS) is used, and the data keeps all its bytes', () => {
    const d = decode(raw('010950600013435217251231', { aim: ']d2' }));
    expect(d).toMatchObject({ aim: ']d2', symbology: 'gs1-datamatrix', valid: true });
    expect(d.gs1).toHaveLength(2);
  });

  test('scans without an AIM id: plain codes classified by regex', () => {
    expect(decode(raw('P-1001'))).toMatchObject({ aim: null, symbology: null, gs1: null, codeClass: 'parent', key: 'P-1001', valid: true });
    expect(decode(raw('C-2001'))).toMatchObject({ codeClass: 'child' });
    expect(decode(raw('B-0042'))).toMatchObject({ codeClass: 'badge' });
    expect(decode(raw('CMD:UNDO'))).toMatchObject({ codeClass: 'command', command: 'UNDO' });
    expect(decode(raw('HELLO'))).toMatchObject({ codeClass: 'unknown', valid: true, error: null });
  });

  test('scans without an AIM id: GS1 recognised by a leading GS, the bracketed form, or a Digital Link', () => {
    expect(decode(raw(`${GS}0109506000134352`)).gs1).toEqual([{ ai: '01', value: '09506000134352' }]);
    expect(decode(raw('(01)09506000134352(17)251231')).gs1).toHaveLength(2);
    expect(decode(raw('https://id.gs1.org/01/09506000134352/21/X1')).gs1).toHaveLength(2);
    expect(decode(raw('https://example.com/x'))).toMatchObject({ gs1: null, valid: true });
  });

  test('EAN-13 carries its GTIN as AI (01)', () => {
    expect(decode(raw(']E05901234123457'))).toMatchObject({ symbology: 'ean-13', gs1: [{ ai: '01', value: '05901234123457' }], valid: true });
    expect(decode(raw(']E05901234123458'))).toMatchObject({ valid: false, error: 'ean-13: bad check digit 8, expected 7' });
  });

  test('a GS1 error makes the scan invalid with the specific reason, keeping the elements read so far', () => {
    const d = decode(raw(`]C10109506000134352${GS}99X${GS}2312`));
    expect(d).toMatchObject({ valid: false, error: 'unknown GS1 AI starting "2312" at position 22', codeClass: 'unknown' });
    expect(d.gs1).toEqual([{ ai: '01', value: '09506000134352' }, { ai: '99', value: 'X' }]);
  });

  test('garbled input: control characters, invalid UTF-8, C1 controls, empty', () => {
    expect(decode(raw('P-10\x0701'))).toMatchObject({ valid: false, error: 'control character 0x07 at byte 5 (only GS, 0x1d, is allowed in a scan)' });
    expect(decode(raw(Uint8Array.of(0x41, 0xff, 0x42)))).toMatchObject({ valid: false, error: 'invalid UTF-8 at byte 2 (0xff)', text: 'A\ufffdB' });
    expect(decode(raw(Uint8Array.of(0xed, 0xa0, 0x80)))).toMatchObject({ valid: false, error: expect.stringMatching(/invalid UTF-8 at byte 1/) });
    expect(decode(raw(Uint8Array.of(0xc3)))).toMatchObject({ valid: false, error: expect.stringMatching(/invalid UTF-8 at byte 1/) });
    expect(decode(raw('A\u0085B'))).toMatchObject({ valid: false, error: expect.stringMatching(/control character U\+0085 at byte 2/) });
    expect(decode(raw('A\x7fB'))).toMatchObject({ valid: false, error: expect.stringMatching(/0x7f/) });
    expect(decode(raw(']C1'))).toMatchObject({ valid: false, error: expect.stringMatching(/^empty scan/) });
    expect(decode(raw('Grüße'))).toMatchObject({ valid: true, text: 'Grüße' });
  });

  test('every invalid scan has a reason and every valid one has none', () => {
    for (const input of ['P-1001', 'x\x00', ']C1', ']C101', ']E0123', '\x1d', '(01)', 'https://a.b/01/1']) {
      const d = decode(raw(input));
      expect(d.valid).toBe(d.error === null);
      if (!d.valid) expect(d.error!.length).toBeGreaterThan(5);
    }
  });

  test('prefix/suffix strip (DataWedge style)', () => {
    const dec = createDecoder(ScanRules.parse({ stripPrefix: 'XX', stripSuffix: '#' }));
    expect(dec(raw(']C0XXP-1001#'))).toMatchObject({ text: 'P-1001', codeClass: 'parent' });
    expect(dec(raw('P-1001'))).toMatchObject({ text: 'P-1001' });
    expect(dec(raw('XX#'))).toMatchObject({ valid: false, error: expect.stringMatching(/empty scan/) });
  });

  test('symbology allow-list, with "none" for scans without an AIM id', () => {
    const dec = createDecoder(ScanRules.parse({ symbologies: ['gs1-128', 'code-128'] }));
    expect(dec(raw(']C0P-1001'))).toMatchObject({ valid: true, codeClass: 'parent' });
    expect(dec(raw(']Q1P-1001'))).toMatchObject({ valid: false, error: 'symbology QR Code (qr) is not allowed at this station (scanRules.symbologies)' });
    expect(dec(raw(']W1P-1001'))).toMatchObject({ valid: false, error: expect.stringMatching(/with AIM id \]W1 is not allowed/) });
    expect(dec(raw('P-1001'))).toMatchObject({ valid: false, error: expect.stringMatching(/no symbology identifier/) });
    expect(createDecoder(ScanRules.parse({ symbologies: ['none'] }))(raw('P-1001'))).toMatchObject({ valid: true });
  });

  test('code classes by GS1 AI come before regexes; the key is the AI value', () => {
    const dec = createDecoder(ScanRules.parse({ gs1Classes: [{ ai: '00', class: 'parent' }, { ai: '01', class: 'child', pattern: '^0950' }] }));
    expect(dec(raw(']C100106141412345678908'))).toMatchObject({ codeClass: 'parent', key: '106141412345678908' });
    expect(dec(raw(']C10109506000134352'))).toMatchObject({ codeClass: 'child', key: '09506000134352' });
    expect(dec(raw(']E05901234123457'))).toMatchObject({ codeClass: 'unknown' }); // GTIN does not match the pattern
    expect(dec(raw('https://id.gs1.org/00/106141412345678908'))).toMatchObject({ codeClass: 'parent', key: '106141412345678908' });
  });

  test('command regex with a capture group names the command', () => {
    const dec = createDecoder(ScanRules.parse({ codeClasses: { command: '^#(CLOSE|UNDO)$' } }));
    expect(dec(raw('#CLOSE'))).toMatchObject({ codeClass: 'command', command: 'CLOSE' });
  });
});
