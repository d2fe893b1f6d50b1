import { aiAt, matches, type AiDef, type AiPattern } from './dictionary';
import type { Gs1Element } from './element-string';
import { label } from './validate';

// The AI definitions of the scan being checked. Reused from scan to scan (the check is synchronous
// and not re-entrant), so the hot path allocates nothing.
const scratch: AiDef[] = [];

function find(count: number, p: AiPattern, self: AiDef): AiDef | null {
  for (let i = 0; i < count; i++) {
    const d = scratch[i]!;
    if (d !== self && matches(p, d)) return d;
  }
  return null;
}

function allPresent(count: number, group: readonly AiPattern[]): boolean {
  for (const p of group) {
    let found = false;
    for (let i = 0; i < count && !found; i++) found = matches(p, scratch[i]!);
    if (!found) return false;
  }
  return true;
}

function excluded(def: AiDef, count: number): string | null {
  for (const p of def.excludes) {
    const other = find(count, p, def); // an AI is not exclusive of itself, even if it matches a pattern
    if (other) return `${label(def)} must not appear together with ${label(other)} (GS1 rule "${def.excludesText}" of AI (${def.ai}))`;
  }
  return null;
}

function unmet(def: AiDef, count: number): string | null {
  for (const req of def.requires) {
    let met = false;
    for (const group of req.alternatives) if ((met = allPresent(count, group))) break;
    if (!met) return `${label(def)} needs AI ${req.described} in the same scan (GS1 rule "${req.text}" of AI (${def.ai}))`;
  }
  return null;
}

/**
 * The GS1 association rules over the AIs of one element string: for each AI in order, the AIs it
 * excludes (`ex=`) must be absent and each of its requirements (`req=`) met by one alternative.
 * Patterns such as `31nn` match any AI of that length starting `31`. Null when all hold.
 */
export function associationError(elements: readonly Gs1Element[]): string | null {
  let count = 0;
  for (const e of elements) {
    const def = aiAt(e.ai, 0); // the numeric table: no string hashing on the hot path
    if (def) scratch[count++] = def;
  }
  for (let i = 0; i < count; i++) {
    const def = scratch[i]!;
    if (def.ruleFree) continue;
    const bad = excluded(def, count) ?? unmet(def, count);
    if (bad) return bad;
  }
  return null;
}
