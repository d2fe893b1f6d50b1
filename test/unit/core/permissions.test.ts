import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { commands, CORE_REQUESTS, Permission, queries, ROLES, type RequestSpec, type Role, type ScanResult } from '../../../src/api';
import type { ModuleContract } from '../../../src/api/contract';
import { moduleContracts as listed, StateSlices } from '../../../src/api/requests';
import { loadConfig } from '../../../src/config/load';
import type { Actor } from '../../../src/core/events';
import { gate } from '../../../src/core/gate';
import { allows } from '../../../src/core/permissions';
import { Station } from '../../../src/core/station';
import { createDecoder } from '../../../src/scan/decode';
import { databaseFile, openStore, type Store } from '../../../src/store';
import { stationRegistry, workflowModules } from '../../../src/workflows';
import { memoryLogger } from '../../helpers/memory-logger';
import { createUser, signIn, TEST_USERS, type TestUser } from '../../helpers/sign-in';

/**
 * The permission table as the product defines it (a copy of src/core/permissions.ts, written out so a
 * change there is a deliberate change here too). Nobody signed in holds only `public`.
 */
const TABLE: Readonly<Record<Role, readonly Permission[]>> = {
  packer: ['session.own', 'pack.scan', 'pack.close', 'history.view', 'manifest.verify'],
  dispatcher: ['session.own', 'pack.scan', 'pack.close', 'history.view', 'manifest.verify', 'bill.dispatch', 'bill.print'],
  biller: ['session.own', 'history.view', 'bill.build', 'bill.print'],
  supervisor: ['session.own', 'pack.scan', 'pack.close', 'pack.undo', 'diagnostics.view', 'audit.view', 'users.view', 'users.unlock', 'override.approve', 'sync.resolve', 'history.view', 'weight.accept',
    'bill.build', 'bill.dispatch', 'bill.reverse', 'bill.print', 'manifest.import', 'manifest.verify', 'manifest.close_short', 'dashboard.view', 'eod.close'],
  admin: ['session.own', 'pack.scan', 'pack.close', 'pack.undo', 'diagnostics.view', 'audit.view', 'users.view', 'users.manage', 'users.unlock', 'override.approve', 'sync.resolve', 'history.view', 'weight.accept',
    'bill.build', 'bill.dispatch', 'bill.reverse', 'bill.print', 'manifest.import', 'manifest.verify', 'manifest.close_short', 'dashboard.view', 'eod.close'],
};
const expectedAllowed = (role: Role | null, permission: Permission) => permission === 'public' || (role !== null && TABLE[role].includes(permission));

const NO_ACTOR = 'Scan your badge to start';
const WHO: Record<Role, string> = { packer: 'a packer', dispatcher: 'a dispatcher', biller: 'a biller', supervisor: 'a supervisor', admin: 'an admin' };
const actor = (role: Role): Actor => ({ userId: `u-${role}`, name: `Test ${role}`, role, sessionId: 's-1' });

/** Widened to the contract type, so absent commands, queries and slices read as undefined. */
const moduleContracts: readonly ModuleContract[] = listed;
const requests = Object.entries({ ...commands, ...queries }) as Array<[string, RequestSpec]>;
const subjects: Array<Role | null> = [...ROLES, null];

test('the table: every role holds exactly its permissions, and nobody holds only public', () => {
  for (const permission of Permission.options) {
    for (const role of subjects) expect([role, permission, allows(role, permission)]).toEqual([role, permission, expectedAllowed(role, permission)]);
  }
});

describe.each(requests)('%s', (name, spec) => {
  test.each(subjects.map((role) => [role ?? 'no session', role] as const))('as %s: the gate follows the table', (_who, role) => {
    const what = spec.label ?? name;
    const verdict = gate(role ? actor(role) : null, spec.permission, what, () => NO_ACTOR, spec.overridable === true);
    if (expectedAllowed(role, spec.permission)) {
      expect(verdict).toEqual({ allowed: true });
    } else if (role === null) {
      expect(verdict).toEqual({ allowed: false, reason: NO_ACTOR, overridable: false });
    } else if (spec.overridable) {
      expect(verdict).toEqual({ allowed: false, overridable: true, reason: `${what} needs a supervisor: Test ${role} is ${WHO[role]}. A supervisor scans their badge to approve` });
    } else {
      expect(verdict).toEqual({ allowed: false, overridable: false, reason: `Test ${role} is ${WHO[role]} and may not ${what} (${spec.permission})` });
    }
  });
});

describe('every request names a valid permission', () => {
  const everySpec: Array<[string, unknown]> = [
    ...requests,
    ...moduleContracts.flatMap((c) => [...Object.entries(c.commands ?? {}), ...Object.entries(c.queries ?? {})]),
  ];
  test.each(everySpec)('%s', (_name, spec) => {
    expect(Permission.safeParse((spec as { permission?: unknown }).permission).success).toBe(true);
    if ((spec as RequestSpec).overridable !== undefined) expect(typeof (spec as RequestSpec).overridable).toBe('boolean');
  });

  test('the check itself refuses a missing or unknown permission', () => {
    expect(Permission.safeParse(undefined).success).toBe(false);
    expect(Permission.safeParse('pack.everything').success).toBe(false);
  });

  test('the rights that must stay with supervisors do', () => {
    expect(commands['bag.undo']).toMatchObject({ permission: 'pack.undo', overridable: true });
    for (const name of ['user.create', 'user.disable', 'user.enable', 'user.reset_pin', 'user.change_role'] as const) expect(commands[name].permission).toBe('users.manage');
    expect(commands['session.unlock'].permission).toBe('users.unlock');
    expect(queries['diagnostics.recent'].permission).toBe('diagnostics.view');
    // What a signed-out screen needs: the login and the state.
    for (const name of ['session.pin', 'scan.submit', 'station.state', 'error.ack', 'override.approve'] as const) expect(requestPermission(name)).toBe('public');
  });
});

function requestPermission(name: string): Permission {
  return ((commands as Record<string, RequestSpec>)[name] ?? (queries as Record<string, RequestSpec>)[name])!.permission;
}

describe('the module lists agree', () => {
  test('src/api/requests.ts moduleContracts and src/workflows/index.ts workflowModules name the same modules, with the same contracts', () => {
    expect(moduleContracts.map((c) => c.id)).toEqual(workflowModules.map((m) => m.id));
    for (const m of workflowModules) expect(moduleContracts.find((c) => c.id === m.id)).toBe(m.contract);
  });

  test('the API holds every module request (the same spec) and nothing else but the core\'s', () => {
    const fromModules = new Map<string, { s: RequestSpec; kind: 'command' | 'query' }>(moduleContracts.flatMap((c) => [
      ...Object.entries(c.commands ?? {}).map(([n, s]): [string, { s: RequestSpec; kind: 'command' | 'query' }] => [n, { s, kind: 'command' }]),
      ...Object.entries(c.queries ?? {}).map(([n, s]): [string, { s: RequestSpec; kind: 'command' | 'query' }] => [n, { s, kind: 'query' }]),
    ]));
    for (const [name, { s, kind }] of fromModules) expect([name, kind === 'command' ? (commands as Record<string, unknown>)[name] : (queries as Record<string, unknown>)[name]]).toEqual([name, s]);
    const apiNames = requests.map(([n]) => n).filter((n) => !CORE_REQUESTS.includes(n));
    expect(apiNames.sort()).toEqual([...fromModules.keys()].sort());
  });

  test('every module slice is in the state', () => {
    for (const c of moduleContracts) {
      if (c.slice) expect([c.id, StateSlices.shape[c.id as keyof typeof StateSlices.shape]]).toEqual([c.id, c.slice]);
    }
  });
});

describe('the station puts the gate in front of every request', () => {
  let dir: string;
  let store: Store;
  let station: Station;
  const users: Partial<Record<Role, TestUser>> = {};
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gate-'));
    const config = loadConfig({ env: {}, overrides: { dataDir: dir } });
    config.session.demoUsers = false;
    const registry = stationRegistry();
    store = openStore({ file: databaseFile(dir), stationId: config.stationId, registry, checkpointIntervalMs: 60_000 });
    for (const role of ROLES) users[role] = await createUser(store, { role });
    station = new Station({ config, store, registry, logger: memoryLogger().logger, decode: createDecoder(config.scanRules) });
  });
  afterAll(async () => {
    await station.stop();
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const forbidden = async (name: string, payload: unknown): Promise<string | null> => {
    try {
      await station.endpoint.handlers[name]!(payload);
      return null;
    } catch (err) {
      return (err as { code?: string }).code === 'forbidden' ? (err as Error).message : null;
    }
  };
  const lastRejection = () => JSON.parse(store.db.prepare("SELECT payload FROM events WHERE type = 'scan.rejected' ORDER BY seq DESC LIMIT 1").pluck().get() as string);

  test('a handler for exactly the API\'s requests', () => {
    expect(Object.keys(station.endpoint.handlers).sort()).toEqual(requests.map(([n]) => n).sort());
  });

  test('no session: every non-public command is refused and recorded, every non-public query forbidden', async () => {
    for (const [name, spec] of requests) {
      if (spec.permission === 'public') continue;
      if (Object.hasOwn(commands, name)) {
        const before = store.log.lastSeq();
        const result = await station.endpoint.handlers[name]!({}) as ScanResult;
        expect([name, result.outcome, result.message]).toEqual([name, 'bad', NO_ACTOR]);
        expect(store.log.lastSeq()).toBe(before + 1);
        expect(lastRejection()).toEqual({ code: name, codeClass: 'command', reason: NO_ACTOR });
      } else {
        expect([name, await forbidden(name, {})]).toEqual([name, `${name}: ${NO_ACTOR}`]);
      }
    }
  });

  test.each(ROLES)('signed in as %s: refused commands and forbidden queries follow the table', async (role) => {
    await signIn(station, users[role]!);
    const name = TEST_USERS[role].name;
    for (const [request, spec] of requests) {
      if (expectedAllowed(role, spec.permission)) {
        // Queries only read: allowed ones must not be forbidden (their payload may still be wrong here).
        if (!Object.hasOwn(commands, request)) expect([request, await forbidden(request, {})]).toEqual([request, null]);
        continue;
      }
      const what = spec.label ?? request;
      if (!Object.hasOwn(commands, request)) {
        expect([request, await forbidden(request, {})]).toEqual([request, `${request}: ${name} is ${WHO[role]} and may not ${what} (${spec.permission})`]);
        continue;
      }
      const result = await station.endpoint.handlers[request]!({}) as ScanResult;
      expect([request, result.outcome]).toEqual([request, 'bad']);
      if (spec.overridable) {
        expect(result.message).toBe(`${what} needs a supervisor: ${name} is ${WHO[role]}. A supervisor scans their badge to approve`);
        expect(station.state().prompt).toMatchObject({ kind: 'override', action: what, requestedBy: name, stage: 'badge' });
        await station.endpoint.handlers['override.cancel']!({});
        expect(station.state().prompt).toBeNull();
      } else {
        expect(result.message).toBe(`${name} is ${WHO[role]} and may not ${what} (${spec.permission})`);
      }
    }
  });
});
