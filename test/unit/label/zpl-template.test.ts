import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import {
  DEFAULT_TEMPLATE, LabelConfig, LabelInputError, code128Field, dataMatrixField, fieldHex, formatTime, formatWeight, jobIdOf,
  labelSymbols, labelZpl, renderLabel, templateFor, templateProblems, type LabelInput,
} from '../../../src/label';

const JOB = '0193a5c2-7d4e-7f00-8a1b-2c3d4e5f6a7b';
const SSCC = '00106141411234567897';

const pallet: LabelInput = {
  jobId: JOB, containerCode: SSCC, containerType: 'pallet', childCount: 12, weightGrams: 18250,
  stationId: 'pack-07', packer: 'Ana Müller', at: new Date('2026-12-01T23:55:00Z'),
};

/** Undoes ^FH: `<indicator>XX` → byte, then UTF-8 (the label says ^CI28). */
function unhex(data: string, indicator = '_'): string {
  const bytes: number[] = [];
  for (let i = 0; i < data.length; i++) {
    if (data[i] === indicator) {
      bytes.push(parseInt(data.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(data.charCodeAt(i));
  }
  return Buffer.from(bytes).toString('utf8');
}

describe('the default label', () => {
  test('an SSCC pallet: GS1-128 and GS1 DataMatrix with FNC1, the type, children, weight, station, packer, time, job (golden)', () => {
    expect(renderLabel(pallet, { timeZone: 'UTC' })).toBe([
      '^XA',
      '^CI28',
      `^FXscan-station label, job ${JOB}`,
      '^PW812^LL812^LH0,0',
      '^FO40,30^A0N,50,50^FH_^FDpallet^FS',
      '^FO40,100^A0N,30,30^FDChildren^FS^FO240,100^A0N,30,30^FH_^FD12^FS',
      '^FO40,140^A0N,30,30^FDWeight^FS^FO240,140^A0N,30,30^FH_^FD18.250 kg^FS',
      '^FO560,30^BXN,8,200,,,,_^FH\\^FD_100106141411234567897^FS',
      '^FO40,260^BY3^BCN,120,N,N,N^FD>;>800106141411234567897^FS',
      '^FO40,420^A0N,34,34^FH_^FD(00) 1 0614141123456789 7^FS',
      '^FO40,500^A0N,26,26^FDStation^FS^FO240,500^A0N,26,26^FH_^FDpack-07^FS',
      '^FO40,536^A0N,26,26^FDPacker^FS^FO240,536^A0N,26,26^FH_^FDAna M_C3_BCller^FS',
      '^FO40,572^A0N,26,26^FDTime^FS^FO240,572^A0N,26,26^FH_^FD2026-12-01 23:55^FS',
      `^FO40,760^A0N,20,20^FH_^FDjob ${JOB}^FS`,
      '^XZ',
      '',
    ].join('\n'));
  });

  test('a plain code: Code 128 subset B and plain DataMatrix; no weight says "not weighed" (golden)', () => {
    const zpl = renderLabel({ ...pallet, containerCode: 'P-1001', containerType: 'bag', childCount: 0, weightGrams: null }, {
      timeZone: 'UTC', template: '^FO10,10{{code128}}^FO10,200{{datamatrix}}^FO10,400{{weight}}', code128Height: 80, dataMatrixModule: 6,
    });
    expect(zpl).toBe(`^XA\n^CI28\n^FXscan-station label, job ${JOB}\n^FO10,10^BCN,80,N,N,N^FH_^FD>:P-1001^FS^FO10,200^BXN,6,200,,,,_^FH\\^FDP-1001^FS^FO10,400^FH_^FDnot weighed^FS\n^XZ\n`);
    expect(jobIdOf(zpl)).toBe(JOB);
  });

  test('the printed time is in the configured zone', () => {
    expect(formatTime(new Date('2026-12-01T23:55:00Z'), 'Europe/Berlin')).toBe('2026-12-02 00:55');
    expect(formatTime(new Date('2026-07-01T08:05:00Z'), 'America/New_York')).toBe('2026-07-01 04:05');
    expect(formatWeight(0)).toBe('0.000 kg');
    expect(formatWeight(1234.5)).toBe('1.234 kg');
  });
});

describe('codes', () => {
  test('an SSCC is recognised in both forms and checked', () => {
    expect(labelSymbols(SSCC)).toMatchObject({ kind: 'sscc', sscc: '106141411234567897', code128: { bcid: 'gs1-128', text: '(00)106141411234567897' }, dataMatrix: { bcid: 'gs1datamatrix', gs1: true } });
    expect(labelSymbols('(00)106141411234567897').kind).toBe('sscc');
    expect(() => labelSymbols('00106141411234567890')).toThrow('the SSCC 106141411234567890 has a wrong check digit (0, expected 7)');
    // 19 digits after 00 is no SSCC: plain code.
    expect(labelSymbols('001061414112345678970').kind).toBe('plain');
  });

  test('codes no label can carry are refused with a reason', () => {
    expect(() => labelSymbols('')).toThrow('the container code is empty');
    expect(() => labelSymbols('P-10é')).toThrow('only printable ASCII');
    expect(() => labelSymbols('P-1\n')).toThrow('only printable ASCII');
    expect(() => labelSymbols(' P-1')).toThrow('starts or ends with a space');
    expect(() => labelSymbols('X'.repeat(81))).toThrow('at most 80');
    expect(() => labelSymbols('X'.repeat(81))).toThrow(LabelInputError);
  });

  test('Code 128 writes > as >< (not an invocation code); ^ ~ _ are hex', () => {
    const symbols = labelSymbols('A>B^C~D_E');
    expect(code128Field(symbols)).toBe('^BCN,120,N,N,N^FH_^FD>:A><B_5EC_7ED_5FE^FS');
  });

  test('DataMatrix doubles its escape character _ and hex-escapes with \\ so the hex pass cannot eat an escape', () => {
    expect(dataMatrixField(labelSymbols('A_B\\C^D~E'))).toBe('^BXN,8,200,,,,_^FH\\^FDA__B\\5CC\\5ED\\7EE^FS');
  });
});

describe('escaping hostile field data', () => {
  const hostile = '^XZ~JA^XA^FDpwned^FS_1_5E\r\n~HS\u0000ü€😀';

  test('no field data can end a field, start a command or reach the control prefix', () => {
    const zpl = renderLabel({ ...pallet, containerType: hostile, packer: hostile, stationId: hostile }, { timeZone: 'UTC' });
    expect(zpl.match(/\^XA/g)).toHaveLength(1);
    expect(zpl.match(/\^XZ/g)).toHaveLength(1);
    expect(zpl).not.toContain('~');
    expect(zpl).not.toMatch(/[^\x20-\x7e\n]/);
    const fields = [...zpl.matchAll(/\^FH_\^FD([^^]*)\^FS/g)].map((m) => unhex(m[1]!));
    expect(fields.filter((f) => f === hostile)).toHaveLength(3);
  });

  test('property: fieldHex gives printable ASCII without ^ or ~, and undoes exactly', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), fc.constantFrom('_', '\\'), (text, indicator) => {
      const out = fieldHex(text, indicator);
      expect(out).toMatch(/^[\x20-\x7e]*$/);
      expect(out).not.toMatch(/[\^~]/);
      expect(unhex(out, indicator)).toBe(text);
    }));
  });

  test('bad input is refused, not printed', () => {
    expect(() => renderLabel({ ...pallet, jobId: 'job^XZ' })).toThrow('is not an id');
    expect(() => renderLabel({ ...pallet, childCount: -1 })).toThrow('not a whole number of children');
    expect(() => renderLabel({ ...pallet, weightGrams: Number.NaN })).toThrow('is not a weight');
    expect(() => renderLabel({ ...pallet, at: new Date('nonsense') })).toThrow('not a valid date');
  });
});

describe('templates', () => {
  test('the default template is fine', () => {
    expect(templateProblems(DEFAULT_TEMPLATE)).toEqual([]);
  });

  test.each([
    ['^FO1,1{{colour}}{{code128}}', 'unknown placeholder {{colour}}'],
    ['^FO1,1^FD{{type}}^FS{{code128}}', '{{type}} stands for a whole field'],
    ['^FO1,1^BCN,100{{code128}}', '{{code128}} brings its own barcode command: remove the ^BC'],
    ['^FO1,1{{type}}', 'the template carries no code'],
    ['^XA^FO1,1{{code128}}^XZ', 'leave out ^XA and ^XZ'],
    ['^FO1,1{{code128}}~JA', 'cannot contain ~'],
    ['^CC+^FO1,1{{code128}}', 'cannot change the prefixes, delimiter or encoding (^CC)'],
    ['^CI0^FO1,1{{code128}}', '(^CI)'],
    ['^FO1,1{{code128}}{{type', 'a placeholder is not closed'],
  ])('%s is refused: %s', (template, problem) => {
    expect(templateProblems(template).join('; ')).toContain(problem);
    expect(() => renderLabel(pallet, { template })).toThrow(problem);
  });
});

describe('label config', () => {
  const printer = { kind: 'network', host: '10.0.7.21' } as const;

  test('defaults: port 9100, timeouts, barcode sizes', () => {
    expect(LabelConfig.parse({ printer })).toEqual({
      printer: { kind: 'network', host: '10.0.7.21', port: 9100, connectTimeoutMs: 3000, replyTimeoutMs: 3000, writeTimeoutMs: 5000 },
      barcode: { code128Height: 120, dataMatrixModule: 8 },
      types: {},
    });
  });

  test('a type\'s own template wins, then the config\'s, then the built-in one', () => {
    const config = LabelConfig.parse({ printer, template: '^FO1,1{{code128}}', types: { pallet: { template: '^FO2,2{{datamatrix}}' } } });
    expect(templateFor(config, 'pallet')).toBe('^FO2,2{{datamatrix}}');
    expect(templateFor(config, 'bag')).toBe('^FO1,1{{code128}}');
    expect(templateFor(config, 'constructor')).toBe('^FO1,1{{code128}}');
    expect(templateFor(LabelConfig.parse({ printer }), 'bag')).toBeUndefined();
    expect(labelZpl(config, pallet)).toContain('^FO2,2^BXN,8,200');
    expect(labelZpl(LabelConfig.parse({ printer, timeZone: 'UTC' }), pallet)).toBe(renderLabel(pallet, { timeZone: 'UTC' }));
  });

  test('the example in docs/labels.md is a valid config', () => {
    const doc = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'docs', 'labels.md'), 'utf8');
    const yaml = /```yaml\n([\s\S]*?)```/.exec(doc)![1]!;
    const config = LabelConfig.parse((parseYaml(yaml) as { labels: unknown }).labels);
    expect(config.printer).toMatchObject({ kind: 'network', port: 9100 });
    expect(templateFor(config, 'pallet')).toContain('{{children}}');
    expect(labelZpl(config, pallet)).toContain('^FO40,700^A0N,30,30^FH_^FD12^FS');
    expect(labelZpl(config, { ...pallet, containerType: 'bag' })).toContain('^FO40,120^BY3^BCN,120,N,N,N^FD>;>800106141411234567897^FS');
  });

  test.each([
    [{ printer: { kind: 'cups' } }, 'printer.kind must be one of network, file, spool'],
    [{ printer: { kind: 'network', host: '' } }, 'printer.host'],
    [{ printer: { ...printer, port: 70000 } }, 'printer.port must be a TCP port'],
    [{ printer: { ...printer, replyTimeoutMs: 5 } }, 'printer.replyTimeoutMs must be at least 10'],
    [{ printer: { kind: 'spool', dir: '' } }, 'printer.dir: the spool folder'],
    [{ printer, timeZone: 'Mars/Olympus' }, 'timeZone must be an IANA time zone'],
    [{ printer, types: { Pallet: { template: '^FO1,1{{code128}}' } } }, 'a container type is lower-case'],
    [{ printer, types: { pallet: { template: '^FO1,1{{type}}' } } }, 'the template carries no code'],
    [{ printer, barcode: { dataMatrixModule: 1 } }, 'barcode.dataMatrixModule is at least 2 dots'],
    [{ printer, colour: 'red' }, 'colour'],
  ])('%j is refused with a clear message', (input, message) => {
    const result = LabelConfig.safeParse(input);
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain(message);
  });
});
