import { aiDef, type AiDef } from './dictionary';
import { withAssociations, type Gs1Element, type Gs1ParseOptions, type Gs1Result } from './element-string';
import { label, valueError } from './validate';

/** http:// or https://, all lower or all upper case (as GS1 Digital Link allows), then the rest. */
const SCHEME = /^(?:https?|HTTPS?):\/\//;
/** The characters a URI may hold (RFC 3986 unreserved, reserved and "%"). */
const URI_CHARS = /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]*$/;
const BAD_IN_DOMAIN = /[_~?#@!$&'()*+,;=%]/;
const DIGITS = /^\d+$/;

type Decoded = string | { error: string };

const UTF8 = new TextDecoder('utf-8');

/**
 * Percent-decoding without exceptions. A "%" must start a %XX escape; %00 and bytes that are not
 * UTF-8 are refused. In the query a "+" is refused: it means a space there, which GS1 data cannot hold.
 */
function percentDecode(s: string, inQuery: boolean): Decoded {
  if (inQuery && s.includes('+')) return { error: '"+" in the query (it stands for a space, which GS1 data cannot hold; write %2B for a plus sign)' };
  if (!s.includes('%')) return s;
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 0x25) { bytes.push(c); continue; }
    const hex = s.slice(i + 1, i + 3);
    if (!/^[0-9A-Fa-f]{2}$/.test(hex)) return { error: `malformed percent-encoding "${s.slice(i, i + 3)}" (a "%" must be followed by two hexadecimal digits)` };
    const byte = parseInt(hex, 16);
    if (byte === 0) return { error: 'percent-encoding %00 (a NUL character) is not allowed' };
    bytes.push(byte);
    i += 2;
  }
  const decoded = UTF8.decode(new Uint8Array(bytes));
  return decoded.includes('\ufffd') ? { error: 'percent-encoding that is not valid UTF-8' } : decoded;
}

/** Whether the key followed by `qualifiers` is one of the key's qualifier sequences (in order, each optional). */
function qualifiersAllowed(key: AiDef, qualifiers: readonly string[]): boolean {
  return (key.dlQualifiers ?? []).some((seq) => {
    let at = 0;
    for (const q of qualifiers) {
      while (at < seq.length && seq[at] !== q) at++;
      if (at === seq.length) return false;
      at++;
    }
    return true;
  });
}

function describeQualifiers(key: AiDef): string {
  const seqs = (key.dlQualifiers ?? []).filter((s) => s.length > 0).map((s) => s.join(', '));
  return seqs.length === 0 ? 'none' : seqs.join(' or ');
}

/** Where the GS1 part of the path starts: the rightmost "/AI/value" pairs back to a primary key. */
function findKey(segments: readonly string[]): number {
  for (let i = segments.length - 2; i >= 1; i -= 2) {
    const def = DIGITS.test(segments[i]!) ? aiDef(segments[i]!) : null;
    if (!def) return -1;
    if (def.dlQualifiers) return i;
  }
  return -1;
}

/**
 * A GS1 Digital Link URI (`https://id.example.com/01/09506000134352/10/ABC?17=251231`): primary key
 * and its qualifiers in the path (in the order its `dlpkey` rule gives), data attributes in the
 * query. Returns null when the text is not a URI with a GS1 primary key in its path (it is then just
 * a URL, not an error). Refused: a zero-suppressed GTIN in the path, "+" or bad percent-encoding in
 * the query, an AI given twice (path and query, or twice in the query), an AI in the query that
 * belongs in the path as a qualifier, a query AI that is not a Digital Link data attribute, and
 * anything an element string would be refused for (value checks, association rules).
 */
export function parseDigitalLink(text: string, options?: Gs1ParseOptions): Gs1Result | null {
  const scheme = SCHEME.exec(text);
  if (!scheme) return null;
  const rest = text.slice(scheme[0].length);
  const slash = rest.indexOf('/');
  if (slash < 1 || BAD_IN_DOMAIN.test(rest.slice(0, slash))) return null;
  const fragment = rest.indexOf('#');
  const beforeFragment = fragment < 0 ? rest : rest.slice(0, fragment);
  const q = beforeFragment.indexOf('?');
  const segments = (q < 0 ? beforeFragment : beforeFragment.slice(0, q)).split('/');
  const keyAt = findKey(segments);
  if (keyAt < 0) return null;
  const elements: Gs1Element[] = [];
  const fail = (error: string): Gs1Result => ({ ok: false, error: `Digital Link: ${error}`, elements });
  if (!URI_CHARS.test(text)) return fail('the URI holds characters that a URI may not contain');

  const key = aiDef(segments[keyAt]!)!;
  const pathAis: string[] = [];
  for (let i = keyAt; i < segments.length; i += 2) {
    const def = aiDef(segments[i]!)!; // findKey walked these: each is a known AI
    const raw = segments[i + 1]!;
    if (raw === '') return fail(`${label(def)} has an empty value in the path`);
    const value = percentDecode(raw, false);
    if (typeof value !== 'string') return fail(`${label(def)}: ${value.error}`);
    if (def.ai === '01' && value.length !== 14 && /^(\d{8}|\d{12}|\d{13})$/.test(value)) {
      return fail(`${label(def)} "${value}" is a GTIN-${value.length} written without its leading zeros; a Digital Link path needs all 14 digits`);
    }
    if (i > keyAt) pathAis.push(def.ai);
    elements.push({ ai: def.ai, value });
  }
  if (!qualifiersAllowed(key, pathAis)) {
    return fail(`qualifiers ${pathAis.join(', ')} are not allowed after AI (${key.ai}) (allowed, in this order: ${describeQualifiers(key)}; GS1 rule "dlpkey")`);
  }

  const query = q < 0 ? '' : beforeFragment.slice(q + 1);
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=');
    if (eq < 0) continue; // a parameter without a value is not GS1 data
    const name = pair.slice(0, eq);
    if (!DIGITS.test(name)) continue; // non-AI parameters (linkType, campaign tags …) are not GS1 data
    const def = aiDef(name);
    if (!def) return fail(`unknown AI (${name}) in the query`);
    const raw = pair.slice(eq + 1);
    if (raw === '') return fail(`${label(def)} has an empty value in the query`);
    const decoded = percentDecode(raw, true);
    if (typeof decoded !== 'string') return fail(`${label(def)}: ${decoded.error}`);
    // A GTIN-8, -12 or -13 given as a data attribute is padded to 14 digits, as GS1 does.
    const value = def.ai === '01' && /^(\d{8}|\d{12}|\d{13})$/.test(decoded) ? decoded.padStart(14, '0') : decoded;
    if (elements.some((e) => e.ai === def.ai)) return fail(`${label(def)} is given more than once (path and query, or twice in the query)`);
    if (!def.dlAttr) return fail(`${label(def)} is not allowed as a Digital Link data attribute (query)`);
    if (belongsInPath(key, pathAis, def.ai)) return fail(`${label(def)} is a qualifier of AI (${key.ai}): it belongs in the path, not the query`);
    elements.push({ ai: def.ai, value });
  }

  for (const e of elements) {
    const bad = valueError(aiDef(e.ai)!, e.value);
    if (bad) return fail(bad);
  }
  const result = withAssociations({ ok: true, elements }, options);
  return result.ok ? result : fail(result.error);
}

/** True when inserting `ai` somewhere after the key would still give an allowed qualifier sequence. */
function belongsInPath(key: AiDef, pathAis: readonly string[], ai: string): boolean {
  for (let j = 0; j <= pathAis.length; j++) {
    if (qualifiersAllowed(key, [...pathAis.slice(0, j), ai, ...pathAis.slice(j)])) return true;
  }
  return false;
}
