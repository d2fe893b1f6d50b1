import { z } from 'zod';
import aiData from '../data/gs1-ai.json';
import { CHARSETS, type Charset } from './charsets';
import { LINTERS, type Linter } from './linters';

export type { Charset } from './charsets';

/** A content check of a component, with the name the GS1 Barcode Syntax Dictionary gives it. */
export interface NamedLinter { name: string; check: Linter }

/** One component of an AI's data field, e.g. `N6,yymmdd` or `[X..17]`. */
export interface Component {
  charset: Charset;
  /** The charset's table of allowed ASCII codes, looked up once here for the hot path. */
  allowed: Uint8Array;
  min: number;
  max: number;
  optional: boolean;
  linters: readonly NamedLinter[];
}

/**
 * An AI or an AI pattern of an association rule: `01`, `31nn` (any AI of that length starting 31),
 * as the range of AI numbers it covers, so matching is two integer comparisons.
 */
export interface AiPattern { length: number; lo: number; hi: number; text: string }

/** A `req=` rule: satisfied when every pattern of at least one alternative is present. */
export interface Requirement { alternatives: readonly (readonly AiPattern[])[]; text: string; described: string }

export interface AiDef {
  ai: string;
  /** The AI as a number (`01` → 1), for the association rules' patterns. */
  code: number;
  title: string;
  components: Component[];
  minLength: number;
  maxLength: number;
  /** Predefined length: no GS separator is needed after it. */
  predefined: boolean;
  /** May be a GS1 Digital Link data attribute (in the query). */
  dlAttr: boolean;
  /** Digital Link primary key: the accepted qualifier sequences; null when it is not a primary key. */
  dlQualifiers: string[][] | null;
  /** Every one must hold (`req=`). */
  requires: readonly Requirement[];
  /** None may be present with it (`ex=`); the rule's text for messages. */
  excludes: readonly AiPattern[];
  excludesText: string;
  /** Neither `req=` nor `ex=`: the association check skips it. */
  ruleFree: boolean;
}

const ComponentEntry = z.object({
  cset: z.enum(['N', 'X', 'Y', 'Z']),
  min: z.number().int().min(1),
  max: z.number().int().min(1),
  optional: z.boolean(),
  linters: z.array(z.string()),
}).strict();

const Entry = z.object({
  title: z.string(),
  predefined: z.boolean(),
  dlAttr: z.boolean(),
  components: z.array(ComponentEntry).min(1),
  req: z.array(z.array(z.array(z.string()).min(1)).min(1)),
  ex: z.array(z.string()),
  dlpkey: z.array(z.array(z.string())).nullable(),
}).strict();

const Table = z.object({ $source: z.string(), $comment: z.string(), $linters: z.array(z.string()), ais: z.record(z.string(), Entry) }).strict();

function expandKey(key: string): string[] {
  const [from, to] = key.split('-');
  if (to === undefined) return [key];
  const out: string[] = [];
  for (let n = Number(from); n <= Number(to); n++) out.push(String(n).padStart(from!.length, '0'));
  return out;
}

function pattern(text: string): AiPattern {
  if (!/^\d{2,4}$|^\d{1,3}n{1,3}$/.test(text) || text.length > 4) throw new Error(`gs1-ai.json: bad AI pattern "${text}"`);
  const lo = Number(text.replace(/n/g, '0'));
  return { length: text.length, lo, hi: Number(text.replace(/n/g, '9')), text };
}

const aiList = (items: readonly string[], last: string) =>
  items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} ${last} ${items[items.length - 1]}`;

function requirement(alternatives: string[][]): Requirement {
  const described = aiList(alternatives.map((group) => group.map((p) => `(${p})`).join(' with ')), 'or');
  return { alternatives: alternatives.map((g) => g.map(pattern)), text: `req=${alternatives.map((g) => g.join('+')).join(',')}`, described };
}

function linter(ai: string, name: string): NamedLinter {
  const check = LINTERS[name];
  if (!check) throw new Error(`gs1-ai.json: AI ${ai} names the GS1 check "${name}", which the decoder does not implement`);
  return { name, check };
}

function build(): Map<string, AiDef> {
  const table = Table.parse(aiData);
  const defs = new Map<string, AiDef>();
  for (const [key, e] of Object.entries(table.ais)) {
    for (const ai of expandKey(key)) {
      if (!/^\d{2,4}$/.test(ai)) throw new Error(`gs1-ai.json: bad AI "${ai}"`);
      const components: Component[] = e.components.map((c) => ({
        charset: c.cset, allowed: CHARSETS[c.cset].allowed, min: c.min, max: c.max, optional: c.optional,
        linters: c.linters.map((name) => linter(ai, name)),
      }));
      defs.set(ai, {
        ai,
        code: Number(ai),
        title: e.title,
        components,
        minLength: components.reduce((n, c) => n + (c.optional ? 0 : c.min), 0),
        maxLength: components.reduce((n, c) => n + c.max, 0),
        predefined: e.predefined,
        dlAttr: e.dlAttr,
        dlQualifiers: e.dlpkey,
        requires: e.req.map(requirement),
        excludes: e.ex.map(pattern),
        excludesText: `ex=${e.ex.join(',')}`,
        ruleFree: e.req.length === 0 && e.ex.length === 0,
      });
    }
  }
  return defs;
}

/** Every known AI by its digits. Loaded and checked once, at module load. */
export const AI_DEFS: ReadonlyMap<string, AiDef> = build();

/** The dictionary the table was generated from, as the table names it. */
export const AI_TABLE_SOURCE: string = aiData.$source;

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

/** True when the AI of `def` is matched by the rule pattern `p`. */
export function matches(p: AiPattern, def: AiDef): boolean {
  return def.code >= p.lo && def.code <= p.hi && def.ai.length === p.length;
}
