import { z } from 'zod';
import aiData from '../data/gs1-ai.json';
import { CHARSETS, type Charset } from './charsets';

export type { Charset } from './charsets';
export type Check = 'csum' | 'yymmdd' | 'yymmd0' | 'hhmm' | 'yymmddhh';

/** One component of an AI's data field, e.g. `N6:yymmdd` or `[X..17]`. */
export interface Component {
  charset: Charset;
  /** The charset's table of allowed ASCII codes, looked up once here for the hot path. */
  allowed: Uint8Array;
  min: number;
  max: number;
  optional: boolean;
  check: Check | null;
}

export interface AiDef {
  ai: string;
  title: string;
  components: Component[];
  minLength: number;
  maxLength: number;
  /** Predefined length: no GS separator is needed after it. */
  predefined: boolean;
  /** Last AI digit is the number of implied decimal places (310n …). */
  decimals: boolean;
  /** Digital Link primary key: the accepted qualifier sequences; null when it is not a primary key. */
  dlQualifiers: string[][] | null;
}

const Entry = z.object({
  title: z.string(),
  format: z.string(),
  predefined: z.boolean().optional(),
  decimals: z.boolean().optional(),
  dl: z.array(z.string()).optional(),
}).strict();

const COMPONENT = /^(\[)?([NXYZ])(\.\.)?(\d+)(?::(csum|yymmdd|yymmd0|hhmm|yymmddhh))?(\])?$/;

function parseFormat(ai: string, format: string): Component[] {
  return format.split('+').map((part) => {
    const m = COMPONENT.exec(part);
    if (!m || Boolean(m[1]) !== Boolean(m[6])) throw new Error(`gs1-ai.json: AI ${ai}: bad format component "${part}"`);
    const len = Number(m[4]);
    const charset = m[2] as Charset;
    return { charset, allowed: CHARSETS[charset].allowed, min: m[3] ? 1 : len, max: len, optional: Boolean(m[1]), check: (m[5] as Check | undefined) ?? null };
  });
}

function expandKey(key: string): string[] {
  const [from, to] = key.split('-');
  if (to === undefined) return [key];
  const out: string[] = [];
  for (let n = Number(from); n <= Number(to); n++) out.push(String(n).padStart(from!.length, '0'));
  return out;
}

function build(): Map<string, AiDef> {
  const { $comment: _comment, ...entries } = aiData as Record<string, unknown>;
  const defs = new Map<string, AiDef>();
  for (const [key, raw] of Object.entries(entries)) {
    const e = Entry.parse(raw);
    for (const ai of expandKey(key)) {
      if (!/^\d{2,4}$/.test(ai)) throw new Error(`gs1-ai.json: bad AI "${ai}"`);
      const components = parseFormat(ai, e.format);
      defs.set(ai, {
        ai,
        title: e.title,
        components,
        minLength: components.reduce((n, c) => n + (c.optional ? 0 : c.min), 0),
        maxLength: components.reduce((n, c) => n + c.max, 0),
        predefined: e.predefined ?? false,
        decimals: e.decimals ?? false,
        dlQualifiers: e.dl ? e.dl.map((seq) => (seq === '' ? [] : seq.split(','))) : null,
      });
    }
  }
  return defs;
}

/** Every known AI by its digits. Loaded and checked once, at module load. */
export const AI_DEFS: ReadonlyMap<string, AiDef> = build();

// Lookup by numeric value per AI length, so the parser needs no substring per element.
const byLength: (AiDef | undefined)[][] = [[], [], new Array(100), new Array(1000), new Array(10000)];
for (const def of AI_DEFS.values()) byLength[def.ai.length]![Number(def.ai)] = def;

/**
 * The AI that starts at `pos` in `s`, or null. GS1 AIs are prefix-free, so trying 2, 3 then 4 digits
 * finds the only possible match.
 */
export function aiAt(s: string, pos: number): AiDef | null {
  let value = 0;
  for (let len = 1; len <= 4 && pos + len <= s.length; len++) {
    const d = s.charCodeAt(pos + len - 1) - 48;
    if (d < 0 || d > 9) return null;
    value = value * 10 + d;
    if (len >= 2) {
      const def = byLength[len]![value];
      if (def) return def;
    }
  }
  return null;
}

export function aiDef(ai: string): AiDef | null {
  return AI_DEFS.get(ai) ?? null;
}
