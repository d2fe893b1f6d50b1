import { Framer, FramingOptions, type FrameOutput } from '../../../src/scan/framer';
import { bytes, text } from './helpers';

const framer = (opts: Partial<FramingOptions> = {}) => new Framer(FramingOptions.parse(opts));
const frames = (out: FrameOutput[]) => out.map((o) => (o.kind === 'frame' ? text(o.bytes) : `REJECTED: ${o.reason}`));

describe('Framer', () => {
  test('ends a frame on CR, whatever the chunking', () => {
    const input = bytes('P-1001\rC-2001\r');
    for (let split = 0; split <= input.length; split++) {
      const f = framer();
      const out = [...f.push(input.subarray(0, split), 10), ...f.push(input.subarray(split), 11)];
      expect(frames(out)).toEqual(['P-1001', 'C-2001']);
    }
  });

  test('byte-at-a-time chunking keeps binary bytes exact', () => {
    const f = framer({ suffix: 'LF' });
    const data = Uint8Array.from([0x00, 0xff, 0x1d, 0x80, 0x0d, 0x41, 0x0a]);
    const out = [...data].flatMap((b, i) => f.push(Uint8Array.of(b), i));
    expect(out).toHaveLength(1);
    expect([...(out[0]!.bytes)]).toEqual([0x00, 0xff, 0x1d, 0x80, 0x0d, 0x41]);
  });

  test('records the time of the first byte and of completion', () => {
    const f = framer({ interByteTimeoutMs: 0 });
    f.push(bytes('P-1'), 1000);
    const [out] = f.push(bytes('001\r'), 1020);
    expect(out).toMatchObject({ kind: 'frame', firstByteAt: 1000, completedAt: 1020 });
  });

  test('with CRLF suffix a CR inside 2D data does not split the scan', () => {
    const f = framer({ suffix: 'CRLF' });
    const out = [...f.push(bytes('LINE1\rLINE2\r'), 1), ...f.push(bytes('\nNEXT\r\n'), 2)];
    expect(frames(out)).toEqual(['LINE1\rLINE2', 'NEXT']);
  });

  test('with CRLF suffix, CR then LF split across chunks still ends the frame', () => {
    const f = framer({ suffix: 'CRLF' });
    expect(f.push(bytes('ABC\r'), 1)).toEqual([]);
    expect(frames(f.push(bytes('\n'), 2))).toEqual(['ABC']);
  });

  test('suffix none: only the inter-byte timeout ends a frame, CR and LF are data', () => {
    const f = framer({ suffix: 'none', interByteTimeoutMs: 50 });
    expect(f.push(bytes('A\rB\n'), 1000)).toEqual([]);
    expect(f.push(bytes('C'), 1030)).toEqual([]);
    expect(f.deadline()).toBe(1080);
    expect(f.flush(1079)).toEqual([]);
    expect(frames(f.flush(1080))).toEqual(['A\rB\nC']);
    expect(f.deadline()).toBeNull();
  });

  test('a gap of the timeout ends the frame even when the timer fired late (seen at the next push)', () => {
    const f = framer({ interByteTimeoutMs: 50 });
    f.push(bytes('P-1001'), 1000);
    expect(frames(f.push(bytes('C-2001\r'), 1200))).toEqual(['P-1001', 'C-2001']);
  });

  test('timeout 0 turns the timeout off', () => {
    const f = framer({ interByteTimeoutMs: 0 });
    f.push(bytes('P-1'), 0);
    expect(f.deadline()).toBeNull();
    expect(f.flush(1e9)).toEqual([]);
    expect(frames(f.push(bytes('001\r'), 1e9))).toEqual(['P-1001']);
  });

  test('suffix none without a timeout is a config error naming the field', () => {
    const r = FramingOptions.safeParse({ suffix: 'none', interByteTimeoutMs: 0 });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['interByteTimeoutMs']);
    expect(r.error!.issues[0]!.message).toMatch(/interByteTimeoutMs/);
  });

  test('an over-long frame is rejected naming the cap, and the rest of it is discarded', () => {
    const f = framer({ maxLength: 8 });
    const out = [...f.push(bytes('0123456789ABCDEF'), 1), ...f.push(bytes('GHIJ\rP-1001\r'), 2)];
    expect(out).toHaveLength(2);
    expect(out[0]).toMatchObject({ kind: 'rejected' });
    expect(out[0]!.kind === 'rejected' && out[0]!.reason).toMatch(/8-byte cap \(framing\.maxLength\)/);
    expect(text(out[0]!.bytes)).toBe('01234567');
    expect(frames([out[1]!])).toEqual(['P-1001']);
  });

  test('a frame of exactly maxLength is accepted', () => {
    expect(frames(framer({ maxLength: 6 }).push(bytes('P-1001\r'), 1))).toEqual(['P-1001']);
  });

  test('the discard of an over-long frame also ends at the timeout', () => {
    const f = framer({ maxLength: 4, interByteTimeoutMs: 50 });
    expect(f.push(bytes('0123456'), 0)).toHaveLength(1);
    expect(f.flush(50)).toEqual([]);
    expect(frames(f.push(bytes('ABC\r'), 60))).toEqual(['ABC']);
  });

  test('empty frames are dropped silently', () => {
    expect(framer().push(bytes('\r\r\rP-1001\r\r'), 1).length).toBe(1);
    expect(framer({ suffix: 'CRLF' }).push(bytes('\r\n\r\n'), 1)).toEqual([]);
  });

  test('strips a configured prefix and suffix from the frame bytes', () => {
    const f = framer({ stripPrefix: '\x02', stripSuffix: '\x03' });
    expect(frames(f.push(bytes('\x02P-1001\x03\r'), 1))).toEqual(['P-1001']);
    expect(frames(f.push(bytes('\x02\x03\r'), 2))).toEqual([]);
  });
});
