import { gs1CheckDigit } from '../../../src/scan/gs1/check-digit';
import { AI_DEFS, aiDef } from '../../../src/scan/gs1/dictionary';
import { parseDigitalLink } from '../../../src/scan/gs1/digital-link';
import { parseElementString, parseHri } from '../../../src/scan/gs1/element-string';
import { gtinFromRetailCode } from '../../../src/scan/gs1/gtin';

const GS = '\x1d';

describe('GS1 AI dictionary (data file)', () => {
  test('has fixed, variable and ranged AIs with their properties', () => {
    expect(aiDef('01')).toMatchObject({ minLength: 14, maxLength: 14, predefined: true });
    expect(aiDef('10')).toMatchObject({ minLength: 1, maxLength: 20, predefined: false });
    expect(aiDef('3103')).toMatchObject({ predefined: true, maxLength: 6, dlAttr: true });
    expect(aiDef('3106')).toBeNull(); // 310n only goes to 5 decimals
    expect(aiDef('7003')).toMatchObject({ predefined: false, maxLength: 10 });
    expect(aiDef('95')).toMatchObject({ maxLength: 90 });
    expect(aiDef('01')!.dlQualifiers).toEqual([['22', '10', '21'], ['235']]);
    expect(AI_DEFS.size).toBeGreaterThan(300);
  });
});

describe('GS1 check digits', () => {
  test.each([
    ['09506000134352', 2], ['4006381333931', 1], ['00012345600012', 2], ['106141412345678908', 8], ['5901234123457', 7],
  ])('%s', (digits, check) => {
    expect(gs1CheckDigit(digits, 0, digits.length - 1)).toBe(check);
  });
});

describe('GS1 element strings', () => {
  const ok = (s: string) => {
    const r = parseElementString(s);
    if (!r.ok) throw new Error(r.error);
    return r.elements;
  };
  const err = (s: string) => {
    const r = parseElementString(s);
    if (r.ok) throw new Error(`parsed: ${JSON.stringify(r.elements)}`);
    return r.error;
  };

  test('valid: GTIN, lot, expiry, serial', () => {
    expect(ok(`0109506000134352${GS}10ABC123${GS}1725123121SER-1`)).toEqual([
      { ai: '01', value: '09506000134352' }, { ai: '10', value: 'ABC123' }, { ai: '17', value: '251231' }, { ai: '21', value: 'SER-1' },
    ]);
  });

  test('predefined-length AIs need no separator; a GS after them is tolerated', () => {
    expect(ok('01095060001343521725123110LOT')).toHaveLength(3);
    expect(ok(`0109506000134352${GS}17251231${GS}10LOT`)).toHaveLength(3);
  });

  test('SSCC, net weight with decimals, expiry with day 00', () => {
    expect(ok('00106141412345678908')).toEqual([{ ai: '00', value: '106141412345678908' }]);
    expect(ok('0109506000134352310300125017251200')).toEqual([
      { ai: '01', value: '09506000134352' }, { ai: '3103', value: '001250' }, { ai: '17', value: '251200' },
    ]);
  });

  test('leading GS (FNC1 transmitted) and one trailing GS are tolerated', () => {
    expect(ok(`${GS}0109506000134352${GS}`)).toHaveLength(1);
  });

  test('bad check digit', () => {
    expect(err('0109506000134353')).toBe('AI (01) GTIN: bad check digit 3, expected 2 (GS1 check "csum")');
    expect(err('00106141412345678907')).toMatch(/AI \(00\) SSCC: bad check digit 7, expected 8/);
    expect(err('4105901234123458')).toMatch(/AI \(410\).*bad check digit 8, expected 7/);
  });

  test('unknown AI', () => {
    expect(err('2312345')).toBe('unknown GS1 AI starting "2312" at position 1');
    expect(err(`0109506000134352${GS}99X${GS}3999`)).toMatch(/unknown GS1 AI starting "3999" at position 22/);
  });

  test('not digits where an AI should be', () => {
    expect(err('ABC')).toBe('expected a GS1 AI (digits) at position 1, found "A"');
  });

  test('missing GS after a fixed-length AI that is not predefined', () => {
    expect(err('70032512311200' + '10LOT')).toBe('missing GS separator after AI (7003) EXPIRY TIME');
  });

  test('missing GS after a variable-length value that runs into the next AI', () => {
    expect(err('10ABCDEFGHIJKLMNOPQRS1725123121XYZ')).toMatch(/^missing GS separator after AI \(10\) BATCH\/LOT: its value runs into AI \(17\)/);
  });

  test('too-long value', () => {
    expect(err(`10${'A'.repeat(25)}${GS}17251231`)).toBe('AI (10) BATCH/LOT is 25 characters long, at most 20 allowed');
  });

  test('too-short fixed-length value', () => {
    expect(err('01095060001')).toBe('AI (01) GTIN needs 14 characters, got 9');
    expect(err(`01095060${GS}10A`)).toBe('AI (01) GTIN needs 14 characters, got 6');
  });

  test('invalid dates and times', () => {
    expect(err('17251340')).toMatch(/AI \(17\).*"251340" is not a valid YYMMDD date \(month 13\)/);
    expect(err('11250230')).toMatch(/day 30 of month 02/);
    expect(ok('0109506000134352' + '11240229')).toHaveLength(2); // 2024 is a leap year
    expect(err('11250229')).toMatch(/day 29 of month 02/);
    expect(err('7003251231246')).toMatch(/AI \(7003\).*needs 10 characters/);
    expect(err('70032512312460')).toMatch(/"2460" is not a valid HHMM time/);
    expect(err('7006250100')).toMatch(/day 00/); // 7006 does not allow day 00
  });

  test('character sets', () => {
    expect(err('01ABCDEFGHIJKLMN')).toMatch(/AI \(01\) GTIN: character "A" at position 1 is not allowed \(digits only\)/);
    expect(err('10AB CD')).toMatch(/character " " at position 3 is not allowed \(GS1 character set 82\)/);
    expect(err('8010abc')).toMatch(/character set 39/);
  });

  test('empty element and empty input', () => {
    expect(err(`10A${GS}${GS}21B`)).toMatch(/empty element/);
    expect(err('')).toMatch(/empty/);
    expect(err(`10${GS}21B`)).toMatch(/AI \(10\) BATCH\/LOT needs 1 to 20 characters, got 0/);
  });

  test('the same AI twice with different values', () => {
    expect(err(`10A${GS}10B`)).toMatch(/appears twice with different values/);
  });
});

describe('GS1 human-readable form', () => {
  test('parses (AI)value pairs, with parentheses allowed inside values', () => {
    expect(parseHri('(01)09506000134352(10)AB(C)(17)251231')).toEqual({
      ok: true,
      elements: [{ ai: '01', value: '09506000134352' }, { ai: '10', value: 'AB(C)' }, { ai: '17', value: '251231' }],
    });
  });

  test('a "(" in a value may be escaped as "\\(" (GS1 bracketed syntax)', () => {
    expect(parseHri('(01)09506000134352(10)AB\\(17)251231')).toEqual({ ok: true, elements: [{ ai: '01', value: '09506000134352' }, { ai: '10', value: 'AB(17)251231' }] });
  });

  test('reports unknown AIs and bad values', () => {
    expect(parseHri('(23)1')).toMatchObject({ ok: false, error: 'unknown GS1 AI (23) at position 1' });
    expect(parseHri('(01)09506000134353')).toMatchObject({ ok: false, error: 'AI (01) GTIN: bad check digit 3, expected 2 (GS1 check "csum")' });
  });
});

describe('GS1 Digital Link', () => {
  test('primary key, qualifiers in the path, data attributes in the query', () => {
    expect(parseDigitalLink('https://id.gs1.org/01/09506000134352/10/ABC%2F1/21/12345?17=251231&linkType=gs1:pip')).toEqual({
      ok: true,
      elements: [
        { ai: '01', value: '09506000134352' }, { ai: '10', value: 'ABC/1' }, { ai: '21', value: '12345' }, { ai: '17', value: '251231' },
      ],
    });
  });

  test('a path prefix before the key; a zero-suppressed GTIN is refused in the path', () => {
    expect(parseDigitalLink('https://example.com/products/01/05901234123457')).toEqual({ ok: true, elements: [{ ai: '01', value: '05901234123457' }] });
    expect(parseDigitalLink('https://example.com/products/01/5901234123457')).toMatchObject({ ok: false, error: expect.stringMatching(/GTIN-13 written without its leading zeros/) });
  });

  test('SSCC as primary key', () => {
    expect(parseDigitalLink('HTTPS://ID.EXAMPLE.COM/00/106141412345678908')).toMatchObject({ ok: true, elements: [{ ai: '00' }] });
  });

  test('plain URLs are not Digital Links (null, not an error)', () => {
    expect(parseDigitalLink('https://example.com/about')).toBeNull();
    expect(parseDigitalLink('https://example.com/')).toBeNull();
    expect(parseDigitalLink('not a url')).toBeNull();
  });

  test('errors: bad check digit, qualifier order, unknown query AI, bad escapes', () => {
    expect(parseDigitalLink('https://id.gs1.org/01/09506000134353')).toMatchObject({ ok: false, error: 'Digital Link: AI (01) GTIN: bad check digit 3, expected 2 (GS1 check "csum")' });
    expect(parseDigitalLink('https://id.gs1.org/01/09506000134352/21/S/10/L')).toMatchObject({ ok: false, error: expect.stringMatching(/qualifiers 21, 10 are not allowed after AI \(01\)/) });
    expect(parseDigitalLink('https://id.gs1.org/01/09506000134352?9999=1')).toMatchObject({ ok: false, error: 'Digital Link: unknown AI (9999) in the query' });
    expect(parseDigitalLink('https://id.gs1.org/01/09506000134352/10/%E2%28')).toMatchObject({ ok: false, error: expect.stringMatching(/not valid UTF-8/) });
    expect(parseDigitalLink('https://id.gs1.org/01/09506000134352/10/A%4G')).toMatchObject({ ok: false, error: expect.stringMatching(/malformed percent-encoding "%4G"/) });
  });
});

describe('GTIN from EAN/UPC scans', () => {
  test('EAN-13, UPC-A as 12 digits, EAN-8 and EAN-13 with add-on', () => {
    expect(gtinFromRetailCode('ean-13', '5901234123457')).toEqual({ ok: true, elements: [{ ai: '01', value: '05901234123457' }] });
    expect(gtinFromRetailCode('ean-13', '036000291452')).toEqual({ ok: true, elements: [{ ai: '01', value: '00036000291452' }] });
    expect(gtinFromRetailCode('ean-8', '96385074')).toEqual({ ok: true, elements: [{ ai: '01', value: '00000096385074' }] });
    expect(gtinFromRetailCode('ean-13-addon', '590123412345712')).toMatchObject({ ok: true, elements: [{ value: '05901234123457' }] });
  });

  test('bad check digit and wrong lengths', () => {
    expect(gtinFromRetailCode('ean-13', '5901234123458')).toEqual({ ok: false, error: 'ean-13: bad check digit 8, expected 7', elements: [] });
    expect(gtinFromRetailCode('ean-8', '123')).toMatchObject({ ok: false, error: expect.stringMatching(/not a valid EAN\/UPC number/) });
  });
});
