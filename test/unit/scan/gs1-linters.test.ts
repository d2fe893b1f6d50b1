import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import table from '../../../src/scan/data/gs1-ai.json';
import { gs1CheckDigit } from '../../../src/scan/gs1/check-digit';
import { AI_DEFS, AI_TABLE_SOURCE } from '../../../src/scan/gs1/dictionary';
import { parseDigitalLink } from '../../../src/scan/gs1/digital-link';
import { GS, parseElementString, parseHri } from '../../../src/scan/gs1/element-string';
import { LINTERS } from '../../../src/scan/gs1/linters';

const lint = (name: string, value: string) => LINTERS[name]!(value, 0, value.length);

describe('the AI table is generated from the GS1 Barcode Syntax Dictionary', () => {
  test('it names its source and release, and matches what the dictionary gives', () => {
    expect(AI_TABLE_SOURCE).toMatch(/^gs1-syntax-dictionary\.txt \(GS1 Barcode Syntax Dictionary, release \S+, sha256 [0-9a-f]{64}/);
    const out = execFileSync(process.execPath, ['src/scan/data/generate-gs1-ai.mjs', '--check'], { encoding: 'utf8' });
    expect(out).toMatch(/up to date/);
  });

  test('every check the dictionary names is implemented', () => {
    for (const name of table.$linters) expect(LINTERS[name]).toBeInstanceOf(Function);
    expect(AI_DEFS.size).toBeGreaterThan(500);
  });

  test('flags, association rules and Digital Link keys come through', () => {
    expect(AI_DEFS.get('01')).toMatchObject({ predefined: true, dlAttr: true, dlQualifiers: [['22', '10', '21'], ['235']], excludesText: 'ex=255,37' });
    expect(AI_DEFS.get('21')!.requires[0]!.text).toBe('req=01,03,8006');
    expect(AI_DEFS.get('8200')).toMatchObject({ dlAttr: false });
    expect(AI_DEFS.get('3955')!.excludes.map((p) => p.text)).toEqual(['392n', '393n', '395n', '8005']);
  });
});

describe('GS1 checks (linters)', () => {
  test.each([
    ['csumalpha', '1987654Ad4X4bL5ttr2310c2K', null], ['csumalpha', '1987654Ad4X4bL5ttr2310cXK', /bad check characters XK/],
    ['gcppos2', '0123', /too short/], ['gcppos2', '01234', null],
    ['iban', 'GB98MIDL07009312345678', null], ['iban', 'BE71096123456760', /check digits/],
    ['yymmdd', '240229', null], ['yymmdd', '250229', /day 29/], ['yymmd0', '251200', null], ['yymmdd', '251200', /day 00/],
    ['yyyymmdd', '20000229', null], ['yyyymmdd', '19000229', /day 29/], ['hh', '24', /hour/], ['mi', '59', null], ['ss', '60', /second/],
    ['iso3166', '276', null], ['iso3166', '999', /not an ISO 3166/], ['iso3166999', '999', null], ['iso3166alpha2', 'DE', null],
    ['iso4217', '978', null], ['iso5218', '9', null], ['iso5218', '3', /sex code/], ['mediatype', '10', null], ['mediatype', '11', /media type/],
    ['packagetype', 'PX', null], ['packagetype', 'QQQ', /package type/], ['importeridx', '_', null], ['pieceoftotal', '0203', null],
    ['pieceoftotal', '0302', /more than the total/], ['posinseqslash', '1/2', null], ['posinseqslash', '3/2', /beyond/],
    ['latitude', '1800000000', null], ['longitude', '3600000001', /longitude/], ['pcenc', 'A%2FB', null], ['pcenc', 'A%2', /percent/],
    ['hyphen', '-', null], ['nonzero', '000', /zero/], ['nozeroprefix', '0', null], ['nozeroprefix', '01', /start with 0/],
    ['winding', '9', null], ['zero', '1', /must be 0/], ['yesno', '1', null], ['hasnondigit', '123', /not a digit/],
    ['couponcode', '012345612345611110123', null], ['couponposoffer', '001234561234560123456', null],
  ])('%s %j', (name, value, expected) => {
    const got = lint(name, value);
    if (expected === null) expect(got).toBeNull();
    else expect(got).toMatch(expected);
  });

  test('a refusal names the AI and the check that failed', () => {
    expect(parseHri('(01)09506000134352(4307)XX')).toMatchObject({ ok: false, error: 'AI (4307) SHIP TO COUNTRY: "XX" is not an ISO 3166 two-letter country code (GS1 check "iso3166alpha2")' });
  });
});

describe('GS1 association rules', () => {
  const err = (s: string) => { const r = parseHri(s); return r.ok ? null : r.error; };
  test('requisite AIs, with alternatives and "+" groups', () => {
    expect(err('(10)ABC')).toBe('AI (10) BATCH/LOT needs AI (01), (02), (03), (8006) or (8026) in the same scan (GS1 rule "req=01,02,03,8006,8026" of AI (10))');
    expect(err('(01)09506000134352(10)ABC')).toBeNull();
    expect(err('(01)09506000134352(250)X')).toMatch(/needs AI \(01\) with \(21\), \(03\) with \(21\) or \(8006\) with \(21\)/);
    expect(err('(01)09506000134352(21)S(250)X')).toBeNull();
  });

  test('exclusive AIs, with patterns; an AI does not exclude itself', () => {
    expect(err('(01)09506000134352(3103)000100(3102)001000')).toMatch(/AI \(3103\) NET WEIGHT \(kg\) must not appear together with AI \(3102\).*"ex=310n"/);
    expect(err('(01)09506000134352(3103)000100')).toBeNull();
  });

  test('a digital signature (8030) needs the serial component of AI (253), (255) or (8003)', () => {
    expect(err('(253)1234567890128(8030)ABC123')).toBe('AI (253) GDTI has no serial component, which a digital signature AI (8030) needs (GS1 rule "digsig serial key")');
    expect(err('(253)1234567890128X(8030)ABC123')).toBeNull();
    expect(err('(253)1234567890128')).toBeNull();
  });

  test('can be left out for a syntax-only parse', () => {
    expect(parseElementString('10ABC', { associations: false })).toMatchObject({ ok: true });
  });
});

describe('GS1 Digital Link rules', () => {
  const dl = (s: string) => parseDigitalLink(s);
  test('qualifiers in the stated order; alternatives do not mix', () => {
    expect(dl('https://id.gs1.org/01/09506000134352/22/V/10/L/21/S')).toMatchObject({ ok: true });
    expect(dl('https://id.gs1.org/01/09506000134352/10/L/22/V')).toMatchObject({ ok: false, error: expect.stringMatching(/qualifiers 10, 22 are not allowed/) });
    expect(dl('https://id.gs1.org/01/09506000134352/22/V/235/T')).toMatchObject({ ok: false });
  });

  test('query: "+" and bad escapes refused, a repeated AI refused, a qualifier belongs in the path', () => {
    expect(dl('https://id.gs1.org/01/09506000134352?99=A+B')).toMatchObject({ ok: false, error: expect.stringMatching(/"\+" in the query/) });
    expect(dl('https://id.gs1.org/01/09506000134352?99=A%2')).toMatchObject({ ok: false, error: expect.stringMatching(/malformed percent-encoding/) });
    expect(dl('https://id.gs1.org/01/09506000134352?99=A%2BB')).toMatchObject({ ok: true, elements: [{ ai: '01' }, { ai: '99', value: 'A+B' }] });
    expect(dl('https://id.gs1.org/01/09506000134352/10/L?10=L')).toMatchObject({ ok: false, error: expect.stringMatching(/given more than once/) });
    expect(dl('https://id.gs1.org/01/09506000134352?10=L')).toMatchObject({ ok: false, error: expect.stringMatching(/belongs in the path/) });
    expect(dl('https://id.gs1.org/01/09506000134352?8200=X')).toMatchObject({ ok: false, error: expect.stringMatching(/not allowed as a Digital Link data attribute/) });
  });

  test('a zero-suppressed GTIN: refused in the path, padded as a query attribute', () => {
    expect(dl('https://id.gs1.org/01/9506000134352')).toMatchObject({ ok: false, error: expect.stringMatching(/GTIN-13 written without its leading zeros/) });
    expect(dl('https://id.gs1.org/8004/9520614141234567?01=9520123456788')).toMatchObject({ ok: true, elements: [{ ai: '8004' }, { ai: '01', value: '09520123456788' }] });
  });
});

describe('properties', () => {
  const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(''));
  const withCheck = (body: string) => body + String(gs1CheckDigit(body, 0, body.length));

  test('every generated valid GTIN passes; changing any one digit always fails the check digit', () => {
    fc.assert(fc.property(digits(13), fc.nat(13), fc.integer({ min: 1, max: 9 }), (body, at, delta) => {
      const gtin = withCheck(body);
      if (!parseElementString(`01${gtin}`).ok) return false;
      const bad = gtin.slice(0, at) + String((Number(gtin[at]) + delta) % 10) + gtin.slice(at + 1);
      const r = parseElementString(`01${bad}`);
      return !r.ok && r.error.includes('"csum"');
    }), { numRuns: 2000, seed: 11 });
  });

  test('a valid SSCC passes as an element string, bracketed and as a Digital Link', () => {
    fc.assert(fc.property(digits(17), (body) => {
      const sscc = withCheck(body);
      return parseElementString(`00${sscc}`).ok && parseHri(`(00)${sscc}`).ok && parseDigitalLink(`https://id.gs1.org/00/${sscc}`)?.ok === true;
    }), { numRuns: 500, seed: 12 });
  });

  test('every real calendar date passes yymmdd; month 00 or 13+ never does', () => {
    const day = 86_400_000;
    fc.assert(fc.property(fc.integer({ min: 0, max: 365 * 100 }), fc.integer({ min: 13, max: 99 }), (n, month) => {
      const d = new Date(Date.UTC(2000, 0, 1) + n * day);
      const p2 = (v: number) => String(v).padStart(2, '0');
      const yymmdd = `${p2(d.getUTCFullYear() % 100)}${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())}`;
      return lint('yymmdd', yymmdd) === null && lint('yymmd0', `${yymmdd.slice(0, 2)}${p2(month)}01`) !== null && lint('yymmdd', `${yymmdd.slice(0, 2)}0001`) !== null;
    }), { numRuns: 2000, seed: 13 });
  });

  test('any batch value in CSET 82 survives a Digital Link round trip through percent-encoding', () => {
    const cset82 = '!"%&\'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz';
    const lot = fc.array(fc.constantFrom(...cset82), { minLength: 1, maxLength: 20 }).map((a) => a.join(''));
    fc.assert(fc.property(lot, (value) => {
      const r = parseDigitalLink(`https://id.gs1.org/01/09506000134352/10/${encodeURIComponent(value)}`);
      const es = parseElementString(`0109506000134352${GS}10${value}`);
      return r?.ok === true && r.elements[1]!.value === value && es.ok;
    }), { numRuns: 1000, seed: 14 });
  });
});
