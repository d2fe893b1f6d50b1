import fs from 'node:fs';
import path from 'node:path';
import { HidPosDecoder, type HidPosLayoutName, type HidPosOutput } from '../../../src/scan/hid-pos';
import { aimFor, parsePayload } from '../../../src/scan/hid-pos-layouts';

/** The recorded/constructed report streams shared with the transport tests (each names its source). */
interface LayoutFixture {
  source: string;
  layout: HidPosLayoutName;
  reports: string[];
  scans: { aim?: string; hex: string }[];
  notScans?: number;
  misreadAsHoneywell?: { hex: string };
}
const DIR = path.join(__dirname, '../../fixtures/hid/pos');
const load = (name: string) => JSON.parse(fs.readFileSync(path.join(DIR, `${name}.json`), 'utf8')) as LayoutFixture;
const bytes = (hex: string) => Uint8Array.from(Buffer.from(hex.replace(/\s+/g, ''), 'hex'));
const run = (layout: HidPosLayoutName, reports: string[]) => {
  const d = new HidPosDecoder({ layout });
  return reports.flatMap((r, i) => d.push(bytes(r), 1000 + i));
};
const scansOf = (out: HidPosOutput[]) => out.filter((o) => o.kind === 'scan').map((o) => ({ ...(o.aim ? { aim: o.aim } : {}), hex: Buffer.from(o.bytes).toString('hex') }));
const expected = (f: LayoutFixture) => f.scans.map((s) => ({ ...(s.aim ? { aim: s.aim } : {}), hex: s.hex.replace(/\s+/g, '') }));
const text = (o: HidPosOutput) => Buffer.from(o.bytes).toString('latin1');

const FIXTURES = fs.readdirSync(DIR).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, '')).sort();

describe('HID POS layouts: every fixture decodes to its text and AIM id in its layout', () => {
  test.each(FIXTURES)('%s', (name) => {
    const f = load(name);
    expect(f.source).toMatch(/\S/); // every fixture names where it comes from
    const out = run(f.layout, f.reports);
    expect(scansOf(out)).toEqual(expected(f));
    expect(out.filter((o) => o.kind === 'rejected')).toEqual([]);
    expect(out.filter((o) => o.kind === 'ignored')).toHaveLength(f.notScans ?? 0);
  });
});

describe('Zebra DS2208 (05E0:2100): issue 11', () => {
  const f = load('zebra-ds2208-hid-pos');

  test('the EAN-13 no longer gains a leading g nor loses its last digit, and gets AIM ]E0', () => {
    const [ean] = run('zebra', f.reports);
    expect(ean).toMatchObject({ kind: 'scan', aim: ']E0', symbologyId: ']Xg', vendorCodeId: 0x0b });
    expect(text(ean!)).toBe('4006381333931');
  });

  test('the bug as it was: Honeywell offsets on a Zebra report read "g" + all but the last digit', () => {
    const p = bytes(f.reports[0]!).subarray(1);
    expect(Buffer.from(p.subarray(4, 4 + p[0]!)).toString('hex')).toBe(f.misreadAsHoneywell!.hex.replace(/\s+/g, ''));
  });

  test('read with the Honeywell layout, a Zebra report is refused with a reason naming the Zebra layout, never a scan', () => {
    const out = run('honeywell', f.reports);
    expect(out.filter((o) => o.kind === 'scan')).toEqual([]);
    expect(out[0]).toMatchObject({ kind: 'rejected' });
    expect(out[0]!.kind === 'rejected' && out[0]!.reason).toMatch(/Zebra layout \(set layout: zebra/);
  });

  test('a Honeywell report read as Zebra is refused the same way', () => {
    const honeywell = load('ean13-numbered');
    const out = run('zebra', honeywell.reports);
    expect(out.map((o) => o.kind)).toEqual(['rejected', 'rejected']);
    expect(out[0]!.kind === 'rejected' && out[0]!.reason).toMatch(/Honeywell layout \(set layout: honeywell/);
  });

  test('symbology ids: a valid AIM id is kept; ]X… is mapped by the documented code type; unknown stays as sent or none', () => {
    expect(aimFor('zebra', ']C1', 0x00)).toBe(']C1');
    expect(aimFor('zebra', ']Xg', 0x0a)).toBe(']E4');
    expect(aimFor('zebra', ']Xg', 0x77)).toBeNull(); // ]Xg is not an AIM id, 0x77 not a documented code type
    expect(aimFor('zebra', ']X0', 0x77)).toBe(']X0');
    expect(aimFor('newland', null, 0x64)).toBeNull(); // no public Newland id table: no guessing
    expect(aimFor('honeywell', ']d2', 0x77)).toBe(']d2');
  });
});

describe('non-scan traffic on report 0x02 never becomes a scan', () => {
  test('a Honeywell menu reply (]X0 … then ]Z6 ACK) is ignored with its reasons; the next scan still reads', () => {
    const out = run('honeywell', load('honeywell-voyager-menu-reply').reports);
    expect(out.map((o) => o.kind)).toEqual(['ignored', 'ignored', 'scan']);
    expect(out[0]!.kind === 'ignored' && out[0]!.reason).toMatch(/Honeywell menu reply \(]X0/);
    expect(out[0]!.bytes.length).toBe(5 * 56 + 9);
    expect(text(out[0]!)).toContain('Product Name: Voyager 1602g');
    expect(out[1]!.kind === 'ignored' && out[1]!.reason).toMatch(/Honeywell menu reply \(]Z6/);
    expect(text(out[1]!)).toBe('REVINF\x06.');
    expect(text(out[2]!)).toBe('4006381333931');
  });

  test('Newland command replies (02 00 status len … crc) are ignored; Newland scans read with no AIM id', () => {
    const out = run('newland', load('newland-fm30-command-replies').reports);
    expect(out.map((o) => o.kind)).toEqual(['ignored', 'ignored', 'scan', 'scan']);
    expect(out[0]!.kind === 'ignored' && out[0]!.reason).toBe('Newland command reply (status 0x00), not a scan');
    expect(out.slice(2).map((o) => o.aim)).toEqual([null, null]);
  });

  test('a Newland report with non-zero reserved bytes is refused, not read', () => {
    const p = new Uint8Array(63);
    p[0] = 3;
    p.set([0x41, 0x42, 0x43], 1);
    p[58] = 0x5d;
    expect(parsePayload('newland', p)).toBe('not a newland-layout scanned-data report: reserved byte [59] is 0x5d, not 0x00');
  });
});
