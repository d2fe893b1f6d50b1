import { associationError } from './associations';
import { aiAt, aiDef, type AiDef } from './dictionary';
import { label, valueError } from './validate';

export interface Gs1Element { ai: string; value: string }

/** A parse never throws: a failure carries the specific reason and the elements read before it. */
export type Gs1Result =
  | { ok: true; elements: Gs1Element[] }
  | { ok: false; error: string; elements: Gs1Element[] };

export const GS = '\x1d';
const GS_CODE = 0x1d;

function fail(error: string, elements: Gs1Element[]): Gs1Result {
  return { ok: false, error, elements };
}

/** Adds an element, refusing the same AI twice with different values (GS1 forbids it). */
function add(elements: Gs1Element[], def: AiDef, value: string): string | null {
  for (const e of elements) if (e.ai === def.ai && e.value !== value) return `${label(def)} appears twice with different values`;
  elements.push({ ai: def.ai, value });
  return null;
}

function noAiError(s: string, pos: number): string {
  const c = s.charCodeAt(pos);
  if (c < 48 || c > 57) {
    const shown = c < 0x20 || c === 0x7f ? `0x${c.toString(16).padStart(2, '0')}` : `"${s[pos]}"`;
    return `expected a GS1 AI (digits) at position ${pos + 1}, found ${shown}`;
  }
  return `unknown GS1 AI starting "${s.slice(pos, pos + 4)}" at position ${pos + 1}`;
}

export interface Gs1ParseOptions {
  /** Check the association rules (`req=`, `ex=`) across the AIs; default true. */
  associations?: boolean;
}

/** The parse result, refused when the AIs break an association rule (and `options` asks for them). */
export function withAssociations(r: Gs1Result, options?: Gs1ParseOptions): Gs1Result {
  if (!r.ok || options?.associations === false) return r;
  const bad = associationError(r.elements);
  return bad ? fail(bad, r.elements) : r;
}

/**
 * Parses a GS1 element string: AI + value pairs, variable-length values ended by GS (FNC1). A leading
 * GS (FNC1 in first position, as some scanners transmit it) and one trailing GS are tolerated. Each
 * value is checked against the GS1 Barcode Syntax Dictionary, then the AIs' association rules.
 */
export function parseElementString(s: string, options?: Gs1ParseOptions): Gs1Result {
  return withAssociations(parseFrom(s, 0, true), options);
}

function parseFrom(s: string, start: number, explain: boolean): Gs1Result {
  const elements: Gs1Element[] = [];
  let pos = start;
  while (pos < s.length && s.charCodeAt(pos) === GS_CODE) pos++;
  if (pos >= s.length) return fail('no GS1 data (empty element string)', elements);
  while (pos < s.length) {
    if (s.charCodeAt(pos) === GS_CODE) {
      if (pos === s.length - 1) break;
      return fail(`empty element (two GS separators) at position ${pos + 1}`, elements);
    }
    const def = aiAt(s, pos);
    if (!def) return fail(noAiError(s, pos), elements);
    const vstart = pos + def.ai.length;
    const fixed = def.minLength === def.maxLength;
    let vend: number;
    if (fixed) {
      vend = vstart + def.maxLength;
      // Too short (the data ends, or a GS comes, early): checked in full only when the value is bad.
      if (vend > s.length) return fail(`${label(def)} needs ${def.maxLength} characters, got ${runEnd(s, vstart, s.length) - vstart}`, elements);
    } else {
      const gs = s.indexOf(GS, vstart); // GS is a local constant, not an export lookup
      vend = gs < 0 ? s.length : gs;
      const len = vend - vstart;
      if (len > def.maxLength) {
        const hint = explain ? missingSeparatorHint(s, def, vstart) : null;
        return fail(hint ?? `${label(def)} is ${len} characters long, at most ${def.maxLength} allowed`, elements);
      }
    }
    const bad = valueError(def, s, vstart, vend);
    if (bad) {
      const cut = fixed ? runEnd(s, vstart, vend) - vstart : def.maxLength;
      return fail(cut < def.maxLength ? `${label(def)} needs ${def.maxLength} characters, got ${cut}` : bad, elements);
    }
    const value = s.slice(vstart, vend);
    const dup = add(elements, def, value);
    if (dup) return fail(dup, elements);
    pos = vend;
    if (pos < s.length) {
      if (s.charCodeAt(pos) === GS_CODE) pos++;
      else if (!def.predefined) return fail(`missing GS separator after ${label(def)}`, elements);
    }
  }
  return { ok: true, elements };
}

/** Where the run of non-GS characters from `from` ends, looking no further than `to`. */
function runEnd(s: string, from: number, to: number): number {
  let i = from;
  while (i < to && s.charCodeAt(i) !== GS_CODE) i++;
  return i;
}

/**
 * A variable-length value ran past its maximum. If valid GS1 data starts somewhere inside it, the
 * separator was most likely left out; say so rather than only "too long".
 */
function missingSeparatorHint(s: string, def: AiDef, vstart: number): string | null {
  for (let p = vstart + def.minLength; p <= vstart + def.maxLength && p < s.length; p++) {
    const rest = parseFrom(s, p, false);
    const first = rest.elements[0];
    if (rest.ok && first && valueError(def, s, vstart, p) === null) {
      return `missing GS separator after ${label(def)}: its value runs into AI (${first.ai}) at position ${p + 1}`;
    }
  }
  return null;
}

const HRI_AI = /\((\d{2,4})\)/y;

/** Parses the human-readable form `(01)09506000134352(10)ABC`. */
export function parseHri(s: string, options?: Gs1ParseOptions): Gs1Result {
  return withAssociations(parseHriSyntax(s), options);
}

function parseHriSyntax(s: string): Gs1Result {
  const elements: Gs1Element[] = [];
  let pos = 0;
  while (pos < s.length) {
    HRI_AI.lastIndex = pos;
    const m = HRI_AI.exec(s);
    if (!m) return fail(`expected "(AI)" at position ${pos + 1}`, elements);
    const def = aiDef(m[1]!);
    if (!def) return fail(`unknown GS1 AI (${m[1]}) at position ${pos + 1}`, elements);
    const vstart = pos + m[0].length;
    let vend = s.indexOf('(', vstart);
    // A "(" that does not open an AI, or escaped as "\(" (GS1's bracketed syntax), is part of the value.
    while (vend >= 0 && (s.charCodeAt(vend - 1) === 0x5c || !isHriAiAt(s, vend))) vend = s.indexOf('(', vend + 1);
    if (vend < 0) vend = s.length;
    const raw = s.slice(vstart, vend);
    const value = raw.includes('\\(') ? raw.replaceAll('\\(', '(') : raw;
    const bad = valueError(def, value) ?? add(elements, def, value);
    if (bad) return fail(bad, elements);
    pos = vend;
  }
  if (elements.length === 0) return fail('no GS1 data', elements);
  return { ok: true, elements };
}

function isHriAiAt(s: string, pos: number): boolean {
  HRI_AI.lastIndex = pos;
  return HRI_AI.test(s);
}

/** True when the text looks like the bracketed human-readable GS1 form. */
export function looksLikeHri(s: string): boolean {
  return s.charCodeAt(0) === 0x28 && isHriAiAt(s, 0);
}
