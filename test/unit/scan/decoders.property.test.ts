import fc from 'fast-check';
import { createDecoder } from '../../../src/scan/decode';
import { createLineDecoder } from '../../../src/scan/decode-lines';
import { Framer, FramingOptions } from '../../../src/scan/framer';
import { parseDigitalLink } from '../../../src/scan/gs1/digital-link';
import { parseElementString, parseHri } from '../../../src/scan/gs1/element-string';
import { HidPosDecoder } from '../../../src/scan/hid-pos';
import { HidKeyboardScanner } from '../../../src/scan/keyboard/hid-keyboard';
import { ScanRules } from '../../../src/scan/rules';
import { invalidUtf8At } from '../../../src/scan/text';
import { WedgeDetector } from '../../../src/scan/wedge';

/**
 * Random bytes through every decoder: none may throw or hang, and every rejection carries a reason.
 * Run counts add up to more than 1M inputs; fixed seeds keep the runs deterministic.
 */
// A hang fails the test at this limit instead of stalling the run.
jest.setTimeout(60_000);

const RUNS = { utf8: 100_000, decode: 300_000, gs1: 300_000, framer: 100_000, hidPos: 120_000, keyboard: 100_000, wedge: 60_000, lines: 60_000 };
const TOTAL = Object.values(RUNS).reduce((a, b) => a + b, 0);
const params = (name: keyof typeof RUNS, seed: number) => ({ numRuns: RUNS[name], seed, endOnFailure: true });

// Bytes biased towards what scanners send: digits, GS, AIM brackets, CR/LF, high bytes.
const scanByte = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0x30, max: 0x39 }) },
  { weight: 1, arbitrary: fc.constantFrom(0x1d, 0x5d, 0x0d, 0x0a, 0x28, 0x29, 0x43, 0x31, 0x64, 0x32, 0x51) },
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 255 }) },
);
const scanBytes = (maxLength: number) => fc.array(scanByte, { maxLength }).map((a) => Uint8Array.from(a));
const latin1 = (b: Uint8Array) => Buffer.from(b).toString('latin1');

const rules = ScanRules.parse({ gs1Classes: [{ ai: '00', class: 'parent' }], symbologies: [] });

test('the total random input count is at least 1M', () => {
  expect(TOTAL).toBeGreaterThanOrEqual(1_000_000);
});

test('the UTF-8 check agrees with a fatal TextDecoder (the oracle)', () => {
  const fatal = new TextDecoder('utf-8', { fatal: true });
  const valid = (b: Uint8Array) => { try { fatal.decode(b); return true; } catch { return false; } };
  const utf8ish = fc.oneof(fc.integer({ min: 0, max: 0x7f }), fc.integer({ min: 0x80, max: 0xbf }), fc.integer({ min: 0xc0, max: 0xff }));
  fc.assert(fc.property(fc.array(utf8ish, { maxLength: 12 }).map((a) => Uint8Array.from(a)), (b) => (invalidUtf8At(b, 0) === -1) === valid(b)), params('utf8', 8));
});

test('decode: never throws; valid exactly when there is no error; errors are specific', () => {
  const decode = createDecoder(rules);
  fc.assert(fc.property(scanBytes(90), fc.option(fc.constantFrom(']C1', ']d2', ']E0', ']Q1', 'xyz'), { nil: undefined }), (bytes, aim) => {
    const d = decode({ deviceId: 'p', bytes, firstByteAt: 0, receivedAt: 0, ...(aim ? { aim } : {}) });
    return d.valid === (d.error === null) && (d.valid || d.error!.length > 10) && typeof d.text === 'string';
  }), params('decode', 1));
});

test('GS1 element strings, bracketed form and Digital Links: never throw; failures carry a reason', () => {
  fc.assert(fc.property(scanBytes(80), (bytes) => {
    const s = latin1(bytes);
    const results = [parseElementString(s), parseHri(`(${s}`), parseDigitalLink(`https://x.y/01/${s}`) ?? { ok: true as const }];
    return results.every((r) => r.ok || r.error.length > 10);
  }), params('gs1', 2));
});

test('framer: never throws, every output is bounded and rejections carry a reason', () => {
  fc.assert(fc.property(
    fc.record({ suffix: fc.constantFrom('CR', 'LF', 'CRLF', 'none'), interByteTimeoutMs: fc.integer({ min: 1, max: 100 }), maxLength: fc.integer({ min: 1, max: 64 }) }),
    fc.array(fc.tuple(scanBytes(40), fc.integer({ min: 0, max: 200 })), { maxLength: 8 }),
    (opts, chunks) => {
      const f = new Framer(FramingOptions.parse(opts));
      let now = 0;
      const outs = chunks.flatMap(([chunk, dt]) => { now += dt; return [...f.flush(now), ...f.push(chunk, now)]; });
      outs.push(...f.flush(now + 1000));
      return f.deadline() === null && outs.every((o) => o.bytes.length <= opts.maxLength && (o.kind === 'frame' ? o.bytes.length > 0 : o.reason.length > 10));
    },
  ), params('framer', 3));
});

test('HID POS: random reports never throw; rejections carry a reason', () => {
  const report = fc.oneof(
    scanBytes(70),
    fc.tuple(fc.constantFrom(0x02), fc.integer({ min: 0, max: 70 }), fc.uint8Array({ minLength: 62, maxLength: 62 }), fc.boolean())
      .map(([id, len, rest, cont]) => { const r = Uint8Array.of(id, len, ...rest); r[63] = cont ? 1 : 0; return r; }),
  );
  fc.assert(fc.property(fc.array(report, { maxLength: 6 }), fc.constantFrom('auto', 'prefixed', 'none'), (reports, reportId) => {
    const d = new HidPosDecoder({ reportId: reportId as 'auto', maxLength: 120 });
    return reports.flatMap((r, i) => d.push(r, i * 10)).every((o) => (o.kind === 'scan' ? o.bytes.length <= 120 : o.reason.length > 10));
  }), params('hidPos', 4));
});

test('HID keyboard: random reports never throw; rejections carry a reason', () => {
  const report = fc.oneof(fc.uint8Array({ minLength: 8, maxLength: 8 }), fc.uint8Array({ maxLength: 12 }));
  fc.assert(fc.property(fc.array(report, { maxLength: 10 }), fc.constantFrom('us', 'uk', 'de', 'fr'), (reports, layout) => {
    const s = new HidKeyboardScanner({ layout: layout as 'us', interKeyTimeoutMs: 20, maxLength: 32 });
    const outs = reports.flatMap((r, i) => s.push(r, i * 7));
    outs.push(...s.flush(10_000));
    return outs.every((o) => (o.kind === 'frame' ? o.bytes.length <= 32 : o.reason.length > 10));
  }), params('keyboard', 5));
});

test('wedge: random key streams never throw', () => {
  const key = fc.record({
    key: fc.oneof(fc.string({ maxLength: 2 }), fc.constantFrom('Enter', 'Tab', 'Alt', 'Shift', 'F12', ']')),
    code: fc.constantFrom('', 'BracketRight', 'Numpad0', 'Numpad2', 'Numpad9', 'Enter', 'KeyA'),
    ctrlKey: fc.boolean(), altKey: fc.boolean(), shiftKey: fc.boolean(), time: fc.integer({ min: 0, max: 300 }),
    type: fc.constantFrom('keydown' as const, 'keyup' as const),
  });
  fc.assert(fc.property(fc.array(key, { maxLength: 20 }), (keys) => {
    const d = new WedgeDetector({ suffixKeys: ['Enter'], prefixKeys: [] });
    let t = 0;
    for (const k of keys) { t += k.time; const r = d.key({ ...k, time: t }); if (r.kind === 'scan' && typeof r.text !== 'string') return false; }
    d.flush(t + 10_000);
    return d.deadline() === null;
  }), params('wedge', 6));
});

test('decode-lines: every line gives a JSON-serialisable object', () => {
  const decode = createLineDecoder(rules);
  fc.assert(fc.property(scanBytes(80), (line) => {
    const out = decode(line);
    return JSON.parse(JSON.stringify(out)).raw === out.raw && out.valid === (out.error === null);
  }), params('lines', 7));
});
