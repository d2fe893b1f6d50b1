import type { z } from 'zod';
import type { RequestSpec } from '../api/contract';
import { CORE_REQUESTS } from '../api/messages';
import type { Db } from './store-port';
import { coreEvents, RESERVED_MODULE_IDS, type StoredEvent } from './events';
import type { LocalMigration, Views, WorkflowModule } from './workflow';

/** The modules composed: every name checked once, in an order where each comes after its dependsOn. */
export interface Registry {
  readonly modules: readonly WorkflowModule[];
  readonly migrations: readonly LocalMigration[];
  readonly events: ReadonlyMap<string, z.ZodType>;
  readonly requests: ReadonlyMap<string, RequestSpec & { owner: string }>;
  /** The module that owns an event type (its prefix), or null for the core's own. */
  ownerOf(eventType: string): string | null;
  createViews(db: Db): Views;
  createProjector(db: Db): (event: StoredEvent) => void;
}

export class RegistryError extends Error {}

/**
 * Composes the workflow modules (src/workflows/index.ts). Refuses a module id used twice, an event type,
 * command or query name outside its module's prefix or taken twice (also by the core), a migration id taken twice or not
 * named `<id>:NNN`, and a dependsOn that is missing or circular.
 */
export function composeModules(list: readonly WorkflowModule[], coreMigrations: readonly LocalMigration[] = []): Registry {
  const byId = new Map<string, WorkflowModule>();
  for (const m of list) {
    if (!/^[a-z][a-z0-9-]*$/.test(m.id)) throw new RegistryError(`module id "${m.id}" must be lower-case letters, digits and -`);
    if (byId.has(m.id)) throw new RegistryError(`module id "${m.id}" is taken twice`);
    if (RESERVED_MODULE_IDS.includes(m.id)) throw new RegistryError(`module id "${m.id}" is the core's own`);
    if (m.contract.id !== m.id) throw new RegistryError(`module "${m.id}" carries the contract of "${m.contract.id}"`);
    byId.set(m.id, m);
  }
  const modules = orderByDependencies(byId);

  const events = new Map<string, z.ZodType>(Object.entries(coreEvents));
  const requests = new Map<string, RequestSpec & { owner: string }>();
  const migrationIds = new Set<string>();
  const migrations: LocalMigration[] = [];
  const claim = (kind: string, name: string, owner: string) => {
    if (!name.startsWith(`${owner}.`)) throw new RegistryError(`${kind} "${name}" of module "${owner}" must be named "${owner}.…"`);
  };
  for (const m of coreMigrations) addMigration(m, 'core');
  for (const m of modules) {
    for (const [type, schema] of Object.entries(m.contract.events)) {
      claim('event', type, m.id);
      if (events.has(type)) throw new RegistryError(`event "${type}" is declared twice`);
      events.set(type, schema);
    }
    for (const [name, spec] of [...Object.entries(m.contract.commands ?? {}), ...Object.entries(m.contract.queries ?? {})]) {
      claim('request', name, m.id);
      // The core's own requests (station.state, diagnostics.recent …) would otherwise shadow, or be shadowed by, a module's.
      if (requests.has(name) || CORE_REQUESTS.includes(name)) throw new RegistryError(`request "${name}" is declared twice`);
      requests.set(name, { ...spec, owner: m.id });
    }
    for (const migration of m.migrations ?? []) addMigration(migration, m.id);
  }

  function addMigration(migration: LocalMigration, owner: string): void {
    if (!new RegExp(`^${owner}:\\d{3}$`).test(migration.id)) throw new RegistryError(`migration "${migration.id}" of "${owner}" must be named "${owner}:NNN"`);
    if (migrationIds.has(migration.id)) throw new RegistryError(`migration "${migration.id}" is declared twice`);
    migrationIds.add(migration.id);
    migrations.push(migration);
  }

  const prefixOwner = new Map(modules.map((m) => [m.id, m.id]));
  return {
    modules,
    migrations,
    events,
    requests,
    ownerOf: (type) => prefixOwner.get(type.slice(0, type.indexOf('.'))) ?? null,
    createViews(db) {
      const views: Record<string, unknown> = {};
      for (const m of modules) {
        if (!m.createView) continue;
        const deps = Object.fromEntries((m.dependsOn ?? []).map((id) => [id, views[id]]));
        views[m.id] = m.createView(db, deps);
      }
      return views;
    },
    createProjector(db) {
      // Each module sees only its own events: the owner is the event type's prefix.
      const projectors = new Map(modules.flatMap((m) => (m.project ? [[m.id, m.project(db)] as const] : [])));
      return (event) => {
        const project = projectors.get(event.type.slice(0, event.type.indexOf('.')));
        project?.(event);
      };
    },
  };
}

/** Depth-first topological order; the list order breaks ties so the result is stable. */
function orderByDependencies(byId: ReadonlyMap<string, WorkflowModule>): WorkflowModule[] {
  const ordered: WorkflowModule[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (m: WorkflowModule, path: string[]) => {
    if (state.get(m.id) === 'done') return;
    if (state.get(m.id) === 'visiting') throw new RegistryError(`modules depend on each other in a circle: ${[...path, m.id].join(' → ')}`);
    state.set(m.id, 'visiting');
    for (const dep of m.dependsOn ?? []) {
      const target = byId.get(dep);
      if (!target) throw new RegistryError(`module "${m.id}" depends on "${dep}", which is not in the module list`);
      visit(target, [...path, m.id]);
    }
    state.set(m.id, 'done');
    ordered.push(m);
  };
  for (const m of byId.values()) visit(m, []);
  return ordered;
}
