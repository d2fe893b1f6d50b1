import { aiDef, type AiDef } from './dictionary';
import type { Gs1Element, Gs1Result } from './element-string';
import { label, valueError } from './validate';

const URI = /^https?:\/\/[^/?#\s]+(\/[^?#]*)?(?:\?([^#]*))?(?:#.*)?$/i;

/** Percent-decoding without exceptions: null for a malformed escape or invalid UTF-8. */
function percentDecode(s: string): string | null {
  if (!s.includes('%')) return s;
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x25) {
      const hex = s.slice(i + 1, i + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) return null;
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else if (c < 0x80) {
      bytes.push(c);
    } else {
      return null; // a URI in a barcode is ASCII; anything else is not a well-formed Digital Link
    }
  }
  const decoded = new TextDecoder('utf-8').decode(new Uint8Array(bytes));
  return decoded.includes('\ufffd') ? null : decoded;
}

/** GTINs in Digital Link may be written as GTIN-8, -12 or -13: GS1 pads them to 14 digits. */
function normalise(ai: string, value: string): string {
  return ai === '01' && /^(\d{8}|\d{12}|\d{13})$/.test(value) ? value.padStart(14, '0') : value;
}

function qualifiersAllowed(key: AiDef, qualifiers: string[]): boolean {
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

/**
 * A GS1 Digital Link URI (`https://id.example.com/01/09506000134352/10/ABC?17=251231`): primary key,
 * qualifiers in the path, data attributes in the query. Returns null when the text is not a URI
 * with a GS1 primary key in its path (it is then just a URL, not an error).
 */
export function parseDigitalLink(text: string): Gs1Result | null {
  const m = URI.exec(text);
  if (!m) return null;
  const segments = (m[1] ?? '').split('/').filter((s) => s.length > 0);
  let keyAt = -1;
  for (let i = 0; i + 1 < segments.length; i++) {
    const def = aiDef(segments[i]!);
    if (def?.dlQualifiers && (segments.length - i) % 2 === 0) { keyAt = i; break; }
  }
  if (keyAt < 0) return null;
  const key = aiDef(segments[keyAt]!)!;
  const elements: Gs1Element[] = [];
  const fail = (error: string): Gs1Result => ({ ok: false, error: `Digital Link: ${error}`, elements });
  const pathQualifiers: string[] = [];
  for (let i = keyAt; i < segments.length; i += 2) {
    const def = aiDef(segments[i]!);
    if (!def) return fail(`unknown AI "${segments[i]}" in the path`);
    if (i > keyAt) pathQualifiers.push(def.ai);
    const raw = percentDecode(segments[i + 1]!);
    if (raw === null) return fail(`${label(def)}: malformed percent-encoding`);
    const value = normalise(def.ai, raw);
    const bad = valueError(def, value);
    if (bad) return fail(bad);
    elements.push({ ai: def.ai, value });
  }
  if (!qualifiersAllowed(key, pathQualifiers)) {
    return fail(`qualifiers ${pathQualifiers.join(', ')} are not allowed after AI (${key.ai}) (allowed, in this order: ${describeQualifiers(key)})`);
  }
  for (const pair of (m[2] ?? '').split('&')) {
    const eq = pair.indexOf('=');
    const name = eq < 0 ? pair : pair.slice(0, eq);
    if (!/^\d{2,4}$/.test(name)) continue; // non-AI parameters (linkType, campaign tags …) are not GS1 data
    const def = aiDef(name);
    if (!def) return fail(`unknown AI (${name}) in the query`);
    const value = percentDecode(eq < 0 ? '' : pair.slice(eq + 1));
    if (value === null) return fail(`${label(def)}: malformed percent-encoding`);
    const bad = valueError(def, value);
    if (bad) return fail(bad);
    if (elements.some((e) => e.ai === def.ai && e.value !== value)) return fail(`${label(def)} appears twice with different values`);
    elements.push({ ai: def.ai, value });
  }
  return { ok: true, elements };
}
