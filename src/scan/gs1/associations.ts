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

/** Every pattern of `group` is matched by an AI other than `self` (an AI never meets its own requirement). */
function allPresent(count: number, group: readonly AiPattern[], self: AiDef): boolean {
  for (const p of group) if (!find(count, p, self)) return false;
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
    for (const group of req.alternatives) if ((met = allPresent(count, group, def))) break;
    if (!met) return `${label(def)} needs AI ${req.described} in the same scan (GS1 rule "${req.text}" of AI (${def.ai}))`;
  }
  return null;
}

const DIGSIG = 8030;
/** Keys whose serial component is optional, but which a digital signature (8030) must sign with it. */
const SERIALISED_WITH_DIGSIG = new Set([253, 255, 8003]);

/** GS1's rule (not written in the dictionary) that AI (8030) signs only serialised keys. */
function unserialisedKey(elements: readonly Gs1Element[], count: number): string | null {
  let signed = false;
  for (let i = 0; i < count && !signed; i++) signed = scratch[i]!.code === DIGSIG && scratch[i]!.ai.length === 4;
  if (!signed) return null;
  for (const e of elements) {
    const def = aiAt(e.ai, 0);
    if (def && SERIALISED_WITH_DIGSIG.has(def.code) && e.value.length === def.minLength) {
      return `${label(def)} has no serial component, which a digital signature AI (8030) needs (GS1 rule "digsig serial key")`;
    }
  }
  return null;
}

/**
 * The GS1 association rules over the AIs of one element string: for each AI in order, the AIs it
 * excludes (`ex=`) must be absent and each of its requirements (`req=`) met by one alternative.
 * Patterns such as `31nn` match any AI of that length starting `31`. Then, with a digital signature
 * (8030), the keys 253, 255 and 8003 must carry their serial component. Null when all hold.
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
  return unserialisedKey(elements, count);
}
