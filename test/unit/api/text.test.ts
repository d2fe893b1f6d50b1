import fc from 'fast-check';
import canonicalize from 'canonicalize';
import { commands } from '../../../src/api';
import { NUL_SYMBOL, storable } from '../../../src/api/text';
import { refuse } from '../../../src/core/decision';

describe('storable text', () => {
  test('a NUL becomes ␀ and a lone surrogate U+FFFD; everything else, surrogate pairs included, is kept', () => {
    expect(storable('P-\u00001')).toBe(`P-${NUL_SYMBOL}1`);
    expect(storable('a\uD800b\uDC00c')).toBe('a\uFFFDb\uFFFDc');
    expect(storable('😀 \u001d GS and tabs\t')).toBe('😀 \u001d GS and tabs\t');
  });

  test('whatever the string, the result is JSON central can store and RFC 8785 can encode', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) }), (a, b) => {
      const text = storable(a + b);
      expect(text).not.toContain('\u0000');
      expect(() => canonicalize({ text })).not.toThrow();
      expect(storable(text)).toBe(text);
    }));
  });

  test('a refusal keeps the storable code and reason, and a refused frame its raw bytes as hex', () => {
    const d = refuse('C-\u00002', 'unknown', 'Unknown code "C-\u00002"', { bytes: Uint8Array.of(0x43, 0x2d, 0x00, 0x32) });
    expect(d.message).toBe(`Unknown code "C-${NUL_SYMBOL}2"`);
    expect(d.events).toEqual([{ type: 'scan.rejected', payload: { code: `C-${NUL_SYMBOL}2`, codeClass: 'unknown', reason: `Unknown code "C-${NUL_SYMBOL}2"`, bytes: '432d0032' } }]);
  });

  test('free text from a screen with a NUL or a lone surrogate is refused with words', () => {
    const submit = commands['scan.submit'].payload;
    expect(submit.safeParse({ code: 'P-1001', source: 'wedge' }).success).toBe(true);
    const nul = submit.safeParse({ code: 'P-\u00001', source: 'wedge' });
    expect(nul.success ? null : nul.error.issues[0]?.message).toBe('must not contain NUL characters or broken UTF-16');
    expect(commands['override.approve'].payload.safeParse({ pin: '1234', reason: 'x\uD800' }).success).toBe(false);
    expect(commands['user.create'].payload.safeParse({ name: 'A\u0000', role: 'packer', badge: 'B-AAA', pin: '1234' }).success).toBe(false);
  });
});
