import fixture from '../../fixtures/scan/gs1-conformance.json';
import { createDecoder } from '../../../src/scan/decode';
import { parseDigitalLink } from '../../../src/scan/gs1/digital-link';
import { parseElementString, parseHri, type Gs1Result } from '../../../src/scan/gs1/element-string';
import { ScanRules } from '../../../src/scan/rules';

/**
 * Agreement with GS1's Syntax Engine: every case of the fixture carries the verdict the engine's own
 * test suite gives it (and names that test). The goal is at least 95% agreement.
 */
interface Case { input: string; form: string; checks: string; expect: 'pass' | 'fail'; source: string; note?: string }

const decode = createDecoder(ScanRules.parse({}));

function verdict(c: Case): { ok: boolean; error: string | null } {
  const options = { associations: c.checks === 'full' };
  let r: Gs1Result;
  switch (c.form) {
    case 'bracketed': r = parseHri(c.input, options); break;
    case 'element-string': r = parseElementString(c.input, options); break;
    case 'digital-link': r = parseDigitalLink(c.input, options) ?? { ok: false, error: 'not a GS1 Digital Link URI', elements: [] }; break;
    case 'scan': {
      const d = decode({ deviceId: 'conformance', bytes: Buffer.from(c.input, 'latin1'), firstByteAt: 0, receivedAt: 0 });
      return { ok: d.valid, error: d.error };
    }
    default: throw new Error(`unknown form ${c.form}`);
  }
  return { ok: r.ok, error: r.ok ? null : r.error };
}

const cases = fixture.cases as Case[];

test('the conformance set is large and names a source for every case', () => {
  expect(cases.length).toBeGreaterThanOrEqual(300);
  for (const c of cases) expect(c.source).toMatch(/\S+ \S+/);
});

test('agreement with the GS1 Syntax Engine is at least 95%', () => {
  const disagreements = cases
    .map((c) => ({ c, got: verdict(c) }))
    .filter(({ c, got }) => got.ok !== (c.expect === 'pass'));
  const agreement = (cases.length - disagreements.length) / cases.length;
  const bySource = new Map<string, { n: number; agree: number }>();
  for (const c of cases) {
    const s = bySource.get(c.source) ?? { n: 0, agree: 0 };
    s.n++;
    if (!disagreements.some((d) => d.c === c)) s.agree++;
    bySource.set(c.source, s);
  }
  console.log([
    `GS1 conformance: ${cases.length - disagreements.length} of ${cases.length} cases agree with the GS1 Syntax Engine (${(agreement * 100).toFixed(1)}%)`,
    ...[...bySource].map(([source, { n, agree }]) => `  ${agree} of ${n} from ${source}`),
    ...disagreements.map(({ c, got }) => `  differs: ${JSON.stringify(c.input)} (${c.form}) engine ${c.expect}, decoder ${got.ok ? 'pass' : `fail: ${got.error}`}`),
  ].join('\n'));
  expect(agreement).toBeGreaterThanOrEqual(0.95);
});
