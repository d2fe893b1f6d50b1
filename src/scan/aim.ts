import { z } from 'zod';
import aimData from './data/aim.json';

/** What the data of a symbology is, as far as GS1 goes. */
export type Gs1Content = 'element-string' | 'gtin' | null;

export interface Symbology {
  /** Stable id used in config allow-lists and in output, e.g. `gs1-128`, `ean-13`, `qr`. */
  id: string;
  name: string;
  gs1: Gs1Content;
}

const Entry = z.object({ symbology: z.string(), name: z.string(), gs1: z.enum(['element-string', 'gtin']).optional() });
const AimTable = z.record(z.string().regex(/^[A-Za-z]$/), Entry.extend({ modifiers: z.record(z.string().regex(/^[0-9A-Z]$/), Entry).optional() }));
const { $comment: _comment, ...aimEntries } = aimData;
const table = AimTable.parse(aimEntries);

function resolve(code: string, modifier: string): Symbology | null {
  const entry = table[code];
  const chosen = entry ? entry.modifiers?.[modifier] ?? entry : undefined;
  return chosen ? { id: chosen.symbology, name: chosen.name, gs1: chosen.gs1 ?? null } : null;
}

// Every well-formed AIM id, indexed by its two character codes, so the hot path allocates nothing.
const slot = (code: number, modifier: number) => (code << 7) | modifier;
const SYMBOLOGY_BY_SLOT: (Symbology | null)[] = [];
const AIM_BY_SLOT: string[] = [];
for (const code of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz') {
  for (const modifier of '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ') {
    const i = slot(code.charCodeAt(0), modifier.charCodeAt(0));
    SYMBOLOGY_BY_SLOT[i] = resolve(code, modifier);
    AIM_BY_SLOT[i] = `]${code}${modifier}`;
  }
}

/** The symbology for an AIM id such as `]C1`, or null when the code character is not in the table. */
export function lookupAim(aim: string): Symbology | null {
  return isAimId(aim) ? SYMBOLOGY_BY_SLOT[slot(aim.charCodeAt(1), aim.charCodeAt(2))] ?? null : null;
}

/** Every symbology id the table knows, for validating allow-lists. */
export const KNOWN_SYMBOLOGIES: ReadonlySet<string> = new Set(
  Object.values(table).flatMap((e) => [e.symbology, ...Object.values(e.modifiers ?? {}).map((m) => m.symbology)]),
);

const BRACKET = 0x5d;

function isCodeChar(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function isModifier(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a);
}

/** `]` + letter + digit-or-capital: the shape of an AIM symbology identifier. */
export function isAimId(s: string): boolean {
  return s.length === 3 && s.charCodeAt(0) === BRACKET && isCodeChar(s.charCodeAt(1)) && isModifier(s.charCodeAt(2));
}

/** The AIM id at the start of a scan's bytes, if the scanner sent one. */
export function leadingAim(bytes: Uint8Array): string | null {
  if (bytes.length < 3 || bytes[0] !== BRACKET || !isCodeChar(bytes[1]!) || !isModifier(bytes[2]!)) return null;
  return AIM_BY_SLOT[slot(bytes[1]!, bytes[2]!)] ?? null;
}
