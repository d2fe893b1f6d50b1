import { z } from 'zod';
import common from '../data/keyboard/common.json';
import de from '../data/keyboard/de.json';
import fr from '../data/keyboard/fr.json';
import uk from '../data/keyboard/uk.json';
import us from '../data/keyboard/us.json';

export const LAYOUT_IDS = ['us', 'uk', 'de', 'fr'] as const;
export type LayoutId = (typeof LAYOUT_IDS)[number];

/** What one key gives: a character, a dead key waiting for the next letter, or nothing. */
export type KeyOutput = { kind: 'char'; char: string } | { kind: 'dead'; accent: string } | null;

export interface Layout {
  id: LayoutId;
  name: string;
  /** Right Alt is AltGr (third level) on this layout. */
  altGr: boolean;
  /** Keyboard usage → [unshifted, shifted, AltGr]; undefined where the key gives nothing. */
  keys: (KeyOutput[] | undefined)[];
}

const KeyTable = z.record(z.string().regex(/^[0-9a-f]{2}$/), z.array(z.string().min(1)).min(1).max(3));
const LayoutFile = z.object({ $comment: z.string(), name: z.string(), altGr: z.boolean(), keys: KeyTable }).strict();

function output(s: string): KeyOutput {
  return s.startsWith('dead:') ? { kind: 'dead', accent: s.slice(5) } : { kind: 'char', char: s };
}

function load(id: LayoutId, raw: unknown): Layout {
  const file = LayoutFile.parse(raw);
  const keys: (KeyOutput[] | undefined)[] = new Array(256);
  const tables = [KeyTable.parse(common.keys), file.keys];
  for (const table of tables) for (const [usage, chars] of Object.entries(table)) keys[parseInt(usage, 16)] = chars.map(output);
  return { id, name: file.name, altGr: file.altGr, keys };
}

export const LAYOUTS: Readonly<Record<LayoutId, Layout>> = { us: load('us', us), uk: load('uk', uk), de: load('de', de), fr: load('fr', fr) };

/** The output of `usage` on `layout` at the given level (0 unshifted, 1 shifted, 2 AltGr). */
export function keyOutput(layout: Layout, usage: number, level: 0 | 1 | 2): KeyOutput {
  return layout.keys[usage]?.[level] ?? null;
}

const COMBINING: Record<string, string> = { '^': '\u0302', '´': '\u0301', '`': '\u0300', '¨': '\u0308', '~': '\u0303' };

/** A dead key followed by `next`: the composed letter if there is one, else both characters (as Windows does). */
export function composeDead(accent: string, next: string): string {
  if (next === ' ') return accent;
  const mark = COMBINING[accent];
  const composed = mark ? (next + mark).normalize('NFC') : '';
  return composed.length === 1 ? composed : accent + next;
}
