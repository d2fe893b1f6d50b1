import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { toCsv } from '../../../src/export/csv';

describe('toCsv', () => {
  test('a header of the columns, rows in column order, null and missing as empty, CRLF, quoting', () => {
    expect(toCsv([{ code: 'A,1', quantity: 3, note: 'say "hi"' }, { code: 'B', quantity: null }], ['code', 'quantity', 'note'])).toBe(
      'code,quantity,note\r\n"A,1",3,"say ""hi"""\r\nB,,\r\n',
    );
  });

  test('text that a spreadsheet would run as a formula gets a leading quote (OWASP CSV injection)', () => {
    const rows = ['=1+1', '+41 22 000', '-2+3', '@SUM(A1)', '\tx', '\rx', '=HYPERLINK("http://x")'].map((value) => ({ value }));
    expect(parse(toCsv(rows, ['value']), { relax_quotes: true }).slice(1).map((r: string[]) => r[0])).toEqual([
      "'=1+1", "'+41 22 000", "'-2+3", "'@SUM(A1)", "'\tx", "'\rx", '\'=HYPERLINK("http://x")',
    ]);
  });

  test('a typed negative number stays a number; the same as text is quoted; safe text is untouched', () => {
    expect(toCsv([{ n: -3, s: '-3', t: 'a=b', u: ' =x' }], ['n', 's', 't', 'u'])).toBe("n,s,t,u\r\n-3,'-3,a=b, =x\r\n");
    expect(toCsv([{ n: -Infinity }], ['n'])).toBe("n\r\n'-Infinity\r\n");
  });

  test('a header name is guarded too', () => {
    expect(toCsv([], ['=cmd', 'ok'])).toBe("'=cmd,ok\r\n");
  });

  test('property: every text cell reads back as written, or as written with one leading quote when it starts a formula', () => {
    fc.assert(fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 20 }), (values) => {
      const back = (parse(toCsv(values.map((v) => ({ v })), ['v']), { relax_column_count: true }) as string[][]).slice(1).map((r) => r[0] ?? '');
      expect(back).toEqual(values.map((v) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v)));
    }));
  });
});
