import { ContainerConfig, ContainerType } from './config';

/**
 * The station's container types: its config's, then central's for the ids its config does not define
 * (the station's own config wins, so a site can override a fleet type). Read once, when the station
 * starts: a type never changes under a packer mid-shift. A central type that is not valid on its own,
 * or that would make the set invalid (it holds a type nobody defines), is left out and logged; the
 * station starts with the rest.
 */
export function withCentralTypes(config: ContainerConfig | undefined, central: ReadonlyArray<{ id: string; definition: string }>,
  logger: { warn(message: string, meta?: object): unknown }): ContainerConfig {
  const own = config?.types ?? [];
  const known = new Set(own.map((t) => t.id));
  const accepted: ContainerType[] = [];
  for (const row of central) {
    if (known.has(row.id)) continue;
    const parsed = parseDefinition(row.definition);
    if (!parsed.success) {
      logger.warn('a container type from central is not valid and is left out', { typeId: row.id, problem: parsed.problem });
      continue;
    }
    accepted.push(parsed.type);
  }
  // drop central types that hold a type nobody defines, until the set is whole
  for (;;) {
    const ids = new Set([...own, ...accepted].map((t) => t.id));
    const broken = accepted.find((t) => t.holds.some((h) => !ids.has(h)));
    if (!broken) break;
    logger.warn('a container type from central holds a type this station does not know and is left out', { typeId: broken.id, holds: broken.holds });
    accepted.splice(accepted.indexOf(broken), 1);
  }
  return ContainerConfig.parse({ types: [...own, ...accepted] });
}

function parseDefinition(text: string): { success: true; type: ContainerType } | { success: false; problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { success: false, problem: `not JSON: ${(err as Error).message}` };
  }
  const result = ContainerType.safeParse(json);
  return result.success ? { success: true, type: result.data } : { success: false, problem: result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
}
