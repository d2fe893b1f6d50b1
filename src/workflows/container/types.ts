import type { ContainerConfig, ContainerType } from './config';

/** A configured type with its code rule compiled once. */
export interface TypeRule {
  id: string;
  name: string;
  /** 0 for a leaf. */
  capacity: number;
  emptyWeightG: number;
  maxWeightG: number | null;
  holds: readonly string[];
  ai: string | null;
  pattern: RegExp | null;
}

/** The station's container types, in config order (the first match wins). */
export interface ContainerTypes {
  readonly list: readonly TypeRule[];
  byId(id: string): TypeRule | null;
}

/** What a scan is, as the container workflow sees it. */
export interface ScannedContainer {
  code: string;
  type: TypeRule;
}

export function compileTypes(config: ContainerConfig | undefined): ContainerTypes {
  const list = (config?.types ?? []).map((t: ContainerType): TypeRule => ({
    id: t.id,
    name: t.name,
    capacity: t.holds.length > 0 ? t.capacity ?? 1 : 0,
    emptyWeightG: t.emptyWeightG,
    maxWeightG: t.maxWeightG ?? null,
    holds: t.holds,
    ai: t.code.ai ?? null,
    pattern: t.code.pattern === undefined ? null : new RegExp(t.code.pattern),
  }));
  const byId = new Map(list.map((t) => [t.id, t]));
  return { list, byId: (id) => byId.get(id) ?? null };
}

/** A leaf (a bag) goes into containers but is never opened itself. */
export const isLeaf = (t: TypeRule): boolean => t.holds.length === 0;

/**
 * The first type whose code rule matches: a GS1 AI rule takes the AI's value (the SSCC) as the code,
 * a pattern rule the scanned text. Null when no type matches.
 */
export function recognise(types: ContainerTypes, text: string, gs1: ReadonlyArray<{ ai: string; value: string }> | null): ScannedContainer | null {
  for (const type of types.list) {
    if (type.ai !== null) {
      const element = gs1?.find((e) => e.ai === type.ai && (type.pattern === null || type.pattern.test(e.value)));
      if (element) return { code: element.value, type };
    } else if (type.pattern!.test(text)) {
      return { code: text, type };
    }
  }
  return null;
}

/** "sacks or pallets": the names of the types that may hold `typeId`, for "scan a … first". */
export function holdersOf(types: ContainerTypes, typeId: string): string {
  const names = types.list.filter((t) => t.holds.includes(typeId)).map((t) => t.name.toLowerCase());
  if (names.length === 0) return 'a container';
  return names.length === 1 ? `a ${names[0]}` : `a ${names.slice(0, -1).join(', a ')} or a ${names.at(-1)}`;
}

/** "bag or sack": what a type may hold, in words. */
export function holdsWords(types: ContainerTypes, type: TypeRule): string {
  const names = type.holds.map((id) => (types.byId(id)?.name ?? id).toLowerCase());
  return names.length <= 1 ? names[0] ?? 'nothing' : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}
