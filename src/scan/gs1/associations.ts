import { aiDef, matches, type AiDef, type AiPattern } from './dictionary';
import type { Gs1Element } from './element-string';
import { label } from './validate';

function find(elements: readonly Gs1Element[], p: AiPattern, self: string): string | null {
  for (const e of elements) if (e.ai !== self && matches(p, e.ai)) return e.ai;
  return null;
}

function allPresent(elements: readonly Gs1Element[], group: readonly AiPattern[]): boolean {
  for (const p of group) {
    let found = false;
    for (const e of elements) if (matches(p, e.ai)) { found = true; break; }
    if (!found) return false;
  }
  return true;
}

function excluded(def: AiDef, elements: readonly Gs1Element[]): string | null {
  for (const p of def.excludes) {
    const other = find(elements, p, def.ai); // an AI is not exclusive of itself, even if it matches a pattern
    if (other) {
      const otherDef = aiDef(other);
      return `${label(def)} must not appear together with ${otherDef ? label(otherDef) : `AI (${other})`} (GS1 rule "${def.excludesText}" of AI (${def.ai}))`;
    }
  }
  return null;
}

function unmet(def: AiDef, elements: readonly Gs1Element[]): string | null {
  for (const req of def.requires) {
    let met = false;
    for (const group of req.alternatives) if ((met = allPresent(elements, group))) break;
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
  for (const e of elements) {
    const def = aiDef(e.ai);
    if (!def) continue;
    const bad = excluded(def, elements) ?? unmet(def, elements);
    if (bad) return bad;
  }
  return null;
}
