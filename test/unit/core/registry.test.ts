import { z } from 'zod';
import { defineContract, type ModuleContract, type RequestSpec } from '../../../src/api/contract';
import { ScanResult } from '../../../src/api/scan';
import type { StoredEvent } from '../../../src/core/events';
import { composeModules, RegistryError } from '../../../src/core/registry';
import type { LocalMigration, WorkflowModule } from '../../../src/core/workflow';
import type { Db } from '../../../src/store/db';
import { stationRegistry, workflowModules } from '../../../src/workflows';

const command = (permission: RequestSpec['permission'] = 'pack.scan'): RequestSpec => ({ payload: z.object({}).strict(), result: ScanResult, permission });

/** A module with one event `<id>.happened` unless told otherwise. */
function mod(id: string, over: Omit<Partial<WorkflowModule>, 'contract'> & { contract?: Partial<ModuleContract> } = {}): WorkflowModule {
  const { contract, ...rest } = over;
  return {
    id,
    contract: defineContract({ id, events: { [`${id}.happened`]: z.object({}) }, ...contract }),
    ...rest,
  };
}
const migration = (id: string): LocalMigration => ({ id, sql: 'SELECT 1;' });
const refused = (list: WorkflowModule[], message: string | RegExp, core: LocalMigration[] = []) => {
  expect(() => composeModules(list, core)).toThrow(RegistryError);
  expect(() => composeModules(list, core)).toThrow(message);
};

describe('composeModules refuses', () => {
  test('a module id used twice, or one the core uses', () => {
    refused([mod('bag'), mod('bag')], 'module id "bag" is taken twice');
    refused([mod('scan')], 'module id "scan" is the core\'s own');
    refused([mod('override')], 'module id "override" is the core\'s own');
    refused([mod('core')], 'module id "core" is the core\'s own'); // the store's own migrations are `core:NNN`
  });

  test('a module id that is not lower-case letters, digits and -', () => {
    refused([mod('Bag')], 'module id "Bag" must be lower-case letters, digits and -');
    refused([mod('bag.x')], 'module id "bag.x" must be lower-case letters, digits and -');
  });

  test('a module carrying another module\'s contract', () => {
    refused([{ ...mod('bag'), contract: mod('label').contract }], 'module "bag" carries the contract of "label"');
  });

  test('an event outside the module\'s prefix, so no module can declare another\'s (or the core\'s) event', () => {
    refused([mod('label', { contract: { events: { 'labelprinted': z.object({}) } } })], 'event "labelprinted" of module "label" must be named "label.…"');
    refused([mod('bag'), mod('label', { contract: { events: { 'bag.happened': z.object({}) } } })], 'event "bag.happened" of module "label" must be named "label.…"');
    refused([mod('label', { contract: { events: { 'scan.rejected': z.object({}) } } })], 'event "scan.rejected" of module "label" must be named "label.…"');
  });

  test('a command or query outside the module\'s prefix', () => {
    refused([mod('label', { contract: { commands: { 'bag.close': command() } } })], 'request "bag.close" of module "label" must be named "label.…"');
    refused([mod('label', { contract: { queries: { 'print': command() } } })], 'request "print" of module "label" must be named "label.…"');
  });

  test('a request declared twice: as a command and a query, or one the core already answers', () => {
    refused([mod('label', { contract: { commands: { 'label.print': command() }, queries: { 'label.print': command() } } })], 'request "label.print" is declared twice');
    refused([mod('station', { contract: { queries: { 'station.state': command('public') } } })], 'request "station.state" is declared twice');
    refused([mod('diagnostics', { contract: { queries: { 'diagnostics.recent': command('public') } } })], 'request "diagnostics.recent" is declared twice');
  });

  test('a migration id taken twice', () => {
    refused([mod('bag', { migrations: [migration('bag:001'), migration('bag:001')] })], 'migration "bag:001" is declared twice');
  });

  test('a migration not named <module id>:NNN', () => {
    refused([mod('bag', { migrations: [migration('bag:1')] })], 'migration "bag:1" of "bag" must be named "bag:NNN"');
    refused([mod('bag', { migrations: [migration('label:001')] })], 'migration "label:001" of "bag" must be named "bag:NNN"');
    refused([mod('bag', { migrations: [migration('001')] })], 'migration "001" of "bag" must be named "bag:NNN"');
    refused([mod('bag')], 'migration "005-chain" of "core" must be named "core:NNN"', [migration('005-chain')]);
  });

  test('a dependsOn that is not in the list', () => {
    refused([mod('session', { dependsOn: ['user'] })], 'module "session" depends on "user", which is not in the module list');
  });

  test('a circular dependsOn, naming the circle', () => {
    refused([mod('a', { dependsOn: ['b'] }), mod('b', { dependsOn: ['a'] })], 'modules depend on each other in a circle: a → b → a');
    refused([mod('a', { dependsOn: ['a'] })], 'modules depend on each other in a circle: a → a');
    refused([mod('a', { dependsOn: ['b'] }), mod('b', { dependsOn: ['c'] }), mod('c', { dependsOn: ['a'] })], 'modules depend on each other in a circle: a → b → c → a');
  });
});

describe('composeModules composes', () => {
  test('modules ordered by dependsOn, the list order breaking ties; migrations follow that order', () => {
    const registry = composeModules([
      mod('c', { dependsOn: ['b'], migrations: [migration('c:001')] }),
      mod('x', { migrations: [migration('x:001')] }),
      mod('b', { dependsOn: ['a'], migrations: [migration('b:001'), migration('b:002')] }),
      mod('a', { migrations: [migration('a:001')] }),
    ], [migration('core:001')]);
    expect(registry.modules.map((m) => m.id)).toEqual(['a', 'b', 'c', 'x']);
    expect(registry.migrations.map((m) => m.id)).toEqual(['core:001', 'a:001', 'b:001', 'b:002', 'c:001', 'x:001']);
  });

  test('events, requests with their owner, and the owner of an event type', () => {
    const registry = composeModules([mod('label', { contract: { commands: { 'label.print': command() }, queries: { 'label.jobs': command('public') } } })]);
    expect([...registry.events.keys()]).toEqual(['scan.rejected', 'override.approved', 'label.happened']);
    expect(registry.requests.get('label.print')).toMatchObject({ owner: 'label', permission: 'pack.scan' });
    expect(registry.requests.get('label.jobs')).toMatchObject({ owner: 'label', permission: 'public' });
    expect(registry.ownerOf('label.happened')).toBe('label');
    expect(registry.ownerOf('scan.rejected')).toBeNull();
    expect(registry.ownerOf('bag.happened')).toBeNull();
  });

  test('views in dependsOn order, each given the views of its dependsOn; projections see only their own events', () => {
    const seen: Record<string, string[]> = { a: [], b: [] };
    const registry = composeModules([
      mod('b', { dependsOn: ['a'], createView: (_db, deps) => ({ mine: 'b', deps }), project: () => (e: StoredEvent) => { seen.b!.push(e.type); } }),
      mod('a', { createView: () => ({ mine: 'a' }), project: () => (e: StoredEvent) => { seen.a!.push(e.type); } }),
    ]);
    const db = {} as Db;
    expect(registry.createViews(db)).toEqual({ a: { mine: 'a' }, b: { mine: 'b', deps: { a: { mine: 'a' } } } });
    const project = registry.createProjector(db);
    for (const type of ['a.happened', 'b.happened', 'scan.rejected', 'ab.x']) project({ type } as StoredEvent);
    expect(seen).toEqual({ a: ['a.happened'], b: ['b.happened'] });
  });

  test('the station\'s own list composes, users before sessions', () => {
    const registry = stationRegistry();
    const ids = registry.modules.map((m) => m.id);
    expect(new Set(ids)).toEqual(new Set(workflowModules.map((m) => m.id)));
    expect(ids.indexOf('user')).toBeLessThan(ids.indexOf('session'));
  });
});
