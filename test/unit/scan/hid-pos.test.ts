import { HidPosDecoder, type HidPosOutput, type ReportIdConvention } from '../../../src/scan/hid-pos';
import { fixture, fromHex } from './helpers';

interface Fixture {
  reportId: ReportIdConvention;
  reports: { at: number; hex: string }[];
  expect: { kind: 'scan'; aim: string; hex: string; vendorCodeId: number }[];
}

const run = (decoder: HidPosDecoder, reports: { at: number; hex: string }[]) => reports.flatMap((r) => decoder.push(fromHex(r.hex), r.at));
const summary = (o: HidPosOutput) => (o.kind === 'scan'
  ? { kind: o.kind, aim: o.aim, hex: Buffer.from(o.bytes).toString('hex'), vendorCodeId: o.vendorCodeId }
  : { kind: o.kind, reason: o.reason });

/** A scanned-data payload (no report id): length, AIM, data, vendor byte, reserved, flags. */
function payload(data: string, opts: { aim?: string; continued?: boolean; length?: number } = {}): Uint8Array {
  const p = new Uint8Array(63);
  const d = new TextEncoder().encode(data);
  p[0] = opts.length ?? d.length;
  p.set(new TextEncoder().encode(opts.aim ?? ']C0'), 1);
  p.set(d.subarray(0, 56), 4);
  p[62] = opts.continued ? 1 : 0;
  return p;
}
const numbered = (p: Uint8Array) => Uint8Array.of(0x02, ...p);

describe('HID POS report reassembly (recorded report fixtures)', () => {
  test.each(['single-prefixed', 'single-unnumbered', 'continued-prefixed', 'continued-unnumbered', 'status-report-ignored'])('%s', (name) => {
    const f = fixture<Fixture>('hid-pos', `${name}.json`);
    expect(run(new HidPosDecoder({ reportId: f.reportId }), f.reports).map(summary)).toEqual(f.expect);
    // 'auto' tells the two conventions apart by the size of the read.
    expect(run(new HidPosDecoder(), f.reports).map(summary)).toEqual(f.expect);
  });

  test('a continued scan records the time of its first report', () => {
    const f = fixture<Fixture>('hid-pos', 'continued-prefixed.json');
    const [scan] = run(new HidPosDecoder(), f.reports);
    expect(scan).toMatchObject({ firstByteAt: f.reports[0]!.at, completedAt: f.reports[1]!.at });
  });
});

describe('HID POS bad reports: rejected with a reason, never thrown', () => {
  test('a length byte above 56', () => {
    const out = new HidPosDecoder().push(numbered(payload('X', { length: 57 })), 0);
    expect(out.map(summary)).toEqual([{ kind: 'rejected', reason: 'HID POS report claims 57 data bytes; a report holds at most 56' }]);
  });

  test('a too-short read', () => {
    expect(new HidPosDecoder().push(Uint8Array.of(2, 1, 0x5d), 0).map(summary)).toEqual([
      { kind: 'rejected', reason: 'HID POS report too short: 3 bytes, a scanned-data report has 63' },
    ]);
  });

  test('a continuation that never comes is dropped at the next report', () => {
    const d = new HidPosDecoder({ continuationTimeoutMs: 100 });
    expect(d.push(numbered(payload('A'.repeat(56), { continued: true })), 0)).toEqual([]);
    const out = d.push(numbered(payload('P-1001')), 500);
    expect(out.map(summary)).toEqual([
      { kind: 'rejected', reason: 'incomplete scan: no continuation report within 100 ms' },
      { kind: 'scan', aim: ']C0', hex: Buffer.from('P-1001').toString('hex'), vendorCodeId: 0 },
    ]);
  });

  test('a continuation with another symbology id ends the partial scan', () => {
    const d = new HidPosDecoder();
    d.push(numbered(payload('A'.repeat(56), { continued: true, aim: ']Q1' })), 0);
    const out = d.push(numbered(payload('P-1001', { aim: ']C0' })), 5);
    expect(out.map((o) => o.kind)).toEqual(['rejected', 'scan']);
    expect(out[0]!.kind === 'rejected' && out[0]!.reason).toMatch(/interrupted by a report with another symbology id/);
  });

  test('a scan over the cap is rejected once and its remaining reports are dropped', () => {
    const d = new HidPosDecoder({ maxLength: 100 });
    const out = [0, 1, 2].flatMap((i) => d.push(numbered(payload('A'.repeat(56), { continued: i < 2 })), i));
    expect(out.map(summary)).toEqual([{ kind: 'rejected', reason: 'scan longer than the 100-byte cap; the rest of it was discarded' }]);
    expect(d.push(numbered(payload('P-1001')), 3).map((o) => o.kind)).toEqual(['scan']);
  });

  test('reset drops a partial scan and says how much', () => {
    const d = new HidPosDecoder();
    d.push(numbered(payload('A'.repeat(56), { continued: true })), 0);
    expect(d.reset()).toBe(56);
    expect(d.push(numbered(payload('P-1001')), 1).map((o) => o.kind)).toEqual(['scan']);
  });

  test('an empty read is not a scan', () => {
    expect(new HidPosDecoder().push(numbered(payload('')), 0)).toEqual([]);
  });
});
