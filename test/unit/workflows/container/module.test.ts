import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Role } from '../../../../src/api/roles';
import type { ScanResult } from '../../../../src/api';
import { loadConfig } from '../../../../src/config/load';
import { composeModules } from '../../../../src/core/registry';
import { Station } from '../../../../src/core/station';
import { createDecoder } from '../../../../src/scan/decode';
import { databaseFile, openStore, type Store } from '../../../../src/store';
import { stationRegistry } from '../../../../src/workflows';
import { bagModule } from '../../../../src/workflows/bag/module';
import { ContainerSlice } from '../../../../src/workflows/container/contract';
import { createContainerModule, type ClosedContainer, type ContainerHooks } from '../../../../src/workflows/container/module';
import { sessionModule } from '../../../../src/workflows/session/module';
import { userModule } from '../../../../src/workflows/user/module';
import { memoryLogger } from '../../../helpers/memory-logger';
import { createUser, signIn, type TestUser } from '../../../helpers/sign-in';
import { requestsOf, scanCodes } from '../../../helpers/station-requests';
import { TEST_TYPES_CONFIG } from './container-db';

/** A valid SSCC (GS1 mod-10 check digit) for `n`, and its GS1-128 scan (AIM ]C1, AI 00). */
function sscc(n: number): { value: string; scan: string } {
  const body = `0${String(n).padStart(16, '0')}`;
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += Number(body[body.length - 1 - i]) * (i % 2 === 0 ? 3 : 1);
  const value = `${body}${(10 - (sum % 10)) % 10}`;
  return { value, scan: `]C100${value}` };
}

/**
 * The container workflow through the real Station: router, permission gate, override prompt, the
 * module's handlers, a real store in a temp folder. The container module comes before the bag module,
 * as in src/workflows/index.ts.
 */
class Harness {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'containers-'));
  readonly store: Store;
  readonly station: Station;
  readonly log = memoryLogger();
  readonly users: Partial<Record<Role, TestUser>> = {};
  base = 0;

  private constructor(configured: boolean, hooks: ContainerHooks | 'registered') {
    const config = loadConfig({ env: {}, overrides: { dataDir: this.dir } });
    config.session.demoUsers = false;
    if (configured) config.container = TEST_TYPES_CONFIG as typeof config.container;
    const registry = hooks === 'registered' ? stationRegistry() : composeModules([userModule, sessionModule, createContainerModule(hooks), bagModule]);
    this.store = openStore({ file: databaseFile(this.dir), stationId: 'test', registry, checkpointIntervalMs: 60_000 });
    this.station = new Station({ config, store: this.store, registry, logger: this.log.logger, decode: createDecoder(config.scanRules) });
  }

  /** `hooks: 'registered'`: the station's own module list (src/workflows/index.ts). */
  static async start(role: Role = 'packer', options: { configured?: boolean; hooks?: ContainerHooks | 'registered' } = {}): Promise<Harness> {
    const h = new Harness(options.configured ?? true, options.hooks ?? {});
    for (const r of new Set<Role>([role, 'supervisor'])) h.users[r] = await createUser(h.store, { role: r });
    await signIn(h.station, h.users[role]!);
    h.base = h.store.log.lastSeq();
    return h;
  }

  get requests() {
    return requestsOf(this.station.endpoint);
  }

  scan(...codes: string[]): Promise<ScanResult> {
    return scanCodes(this.station, ...codes);
  }

  slice(): NonNullable<ContainerSlice> {
    return ContainerSlice.unwrap().parse(this.station.state().slices.container);
  }

  events(since = this.base): Array<{ type: string; payload: unknown; userId: string | null; approvedBy: string | null }> {
    return (this.store.db.prepare('SELECT type, payload, user_id AS userId, approved_by AS approvedBy FROM events WHERE seq > ? ORDER BY seq').all(since) as Array<{ type: string; payload: string; userId: string | null; approvedBy: string | null }>)
      .map((e) => ({ ...e, payload: JSON.parse(e.payload) as unknown }));
  }

  async dispose(): Promise<void> {
    await this.station.stop();
    this.store.close();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

let h: Harness;
afterEach(() => h.dispose());

test('a packer fills a sack from scans; the screen shows the container in hand, its children and where it sits', async () => {
  h = await Harness.start();
  const pallet = sscc(42);
  expect(await h.scan(pallet.scan)).toMatchObject({ outcome: 'good', message: `Pallet ${pallet.value} opened (0 of 2)` });
  await h.scan('S-1', 'S-1');
  expect(await h.scan('C-1')).toMatchObject({ outcome: 'good', message: 'Bag C-1 into S-1 (1 of 3)' });
  expect(h.slice()).toEqual({
    current: { code: 'S-1', type: 'sack', typeName: 'Sack', capacity: 3, children: [{ code: 'C-1', type: 'bag' }], path: [pallet.value] },
    confirmClose: null,
    pendingMove: null,
  });
  expect(await h.scan('HELLO')).toMatchObject({ outcome: 'bad', message: 'HELLO is not a container code this station knows (Bag, Sack, Pallet, Box)' });
});

test('a packer\'s move waits for a supervisor\'s badge and PIN; the move and its approval commit together, as ONE move event', async () => {
  h = await Harness.start('packer');
  await h.scan('S-1', 'C-1', 'C-2', 'CMD:CONTAINER_CLOSE', 'CMD:CONTAINER_CONFIRM', 'S-2');
  expect(await h.scan('C-1')).toMatchObject({ outcome: 'bad', message: 'C-1 is in S-1: moving it into S-2 needs a supervisor (Move)' });
  expect(h.slice().pendingMove).toEqual({ child: 'C-1', from: 'S-1', to: 'S-2' });

  const asked = 'Move to this container needs a supervisor: Pat Packer is a packer. A supervisor scans their badge to approve';
  expect(await h.requests['container.move']({})).toMatchObject({ outcome: 'bad', message: asked });
  expect(h.station.state().prompt).toMatchObject({ kind: 'override', action: 'Move to this container', permission: 'pack.undo', stage: 'badge' });
  expect(await h.scan(h.users.supervisor!.badge)).toMatchObject({ outcome: 'good' });
  const before = h.store.log.lastSeq();
  expect(await h.requests['override.approve']({ pin: h.users.supervisor!.pin, reason: 'C-1 belongs in S-2' })).toMatchObject({ outcome: 'good', message: 'Bag C-1 moved into S-2 (1 of 3)' });
  expect(h.events(before)).toEqual([
    { type: 'container.child_moved', payload: { from: 'S-1', to: 'S-2', child: 'C-1', childType: 'bag', approvedBy: 'u-supervisor' }, userId: 'u-packer', approvedBy: 'u-supervisor' },
    { type: 'override.approved', payload: expect.objectContaining({ action: 'container.move', supervisorId: 'u-supervisor', reason: 'C-1 belongs in S-2' }), userId: 'u-packer', approvedBy: 'u-supervisor' },
  ]);
  expect(h.slice()).toMatchObject({ pendingMove: null, current: { code: 'S-2', children: [{ code: 'C-1', type: 'bag' }] } });
});

test('a supervisor moves at once (CMD:CONTAINER_MOVE), recorded as approved by themself', async () => {
  h = await Harness.start('supervisor');
  await h.scan('S-1', 'C-1', 'CMD:CONTAINER_CLOSE', 'CMD:CONTAINER_CONFIRM', 'S-2', 'C-1');
  const before = h.store.log.lastSeq();
  expect(await h.scan('CMD:CONTAINER_MOVE')).toMatchObject({ outcome: 'good', message: 'Bag C-1 moved into S-2 (1 of 3)' });
  expect(h.events(before).map((e) => [e.type, (e.payload as { approvedBy?: string }).approvedBy])).toEqual([['container.child_moved', 'u-supervisor']]);
});

test('a close short of capacity asks first; any scan drops the question; Cancel too', async () => {
  h = await Harness.start();
  await h.scan('S-1', 'C-1');
  expect(await h.scan('CMD:CONTAINER_CLOSE')).toMatchObject({ outcome: 'good', message: 'S-1 holds 1 of 3: confirm to close it short, or keep scanning' });
  expect(h.slice().confirmClose).toEqual({ container: 'S-1', count: 1, capacity: 3 });
  await h.scan('C-2');
  expect(h.slice().confirmClose).toBeNull();
  expect(await h.scan('CMD:CONTAINER_CONFIRM')).toMatchObject({ outcome: 'bad', message: 'Nothing to confirm: press Close container first' });
  await h.requests['container.close']({});
  expect(await h.requests['container.cancel']({})).toMatchObject({ outcome: 'good', message: 'S-1 stays open' });
  expect(h.slice().confirmClose).toBeNull();
  await h.requests['container.close']({});
  expect(await h.requests['container.confirm_close']({})).toMatchObject({ outcome: 'good', message: 'S-1 closed short (2 of 3)' });
  expect(h.slice().current).toBeNull();
});

test('the close hook runs after the close committed (full or short), with the type\'s weights; a failing hook leaves the close standing', async () => {
  const closed: ClosedContainer[] = [];
  h = await Harness.start('packer', { hooks: { closed: (c) => { closed.push(c); if (c.reason === 'short') throw new Error('printer on fire'); } } });
  const full = await h.scan('S-1', 'C-1', 'C-2', 'C-3');
  expect(full.message).toBe('Bag C-3 into S-1 (3 of 3): full and closed');
  expect(closed).toEqual([{ container: 'S-1', type: 'sack', reason: 'full', count: 3, emptyWeightG: 300, maxWeightG: 25_000, correlationId: full.correlationId }]);
  await h.scan('X-1', 'C-4', 'CMD:CONTAINER_CLOSE', 'CMD:CONTAINER_CONFIRM');
  expect(closed.map((c) => [c.container, c.type, c.reason, c.maxWeightG])).toEqual([['S-1', 'sack', 'full', 25_000], ['X-1', 'box', 'short', null]]);
  expect(h.store.db.prepare("SELECT status FROM containers WHERE code = 'X-1'").pluck().get()).toBe('closed');
  expect(h.log.entries.some((e) => e.message === 'a container close hook failed')).toBe(true);
});

test('a packer\'s void takes the supervisor\'s reason from the approval', async () => {
  h = await Harness.start('packer');
  await h.scan('S-1', 'C-1');
  await h.requests['container.void']({});
  await h.scan(h.users.supervisor!.badge);
  const before = h.store.log.lastSeq();
  expect(await h.requests['override.approve']({ pin: h.users.supervisor!.pin, reason: 'label torn' })).toMatchObject({ outcome: 'good', message: 'S-1 voided; C-1 is free again' });
  expect(h.events(before)[0]).toMatchObject({ type: 'container.voided', payload: { container: 'S-1', reason: 'label torn', children: ['C-1'], parent: null }, approvedBy: 'u-supervisor' });
});

test('not configured: the module is off, bags work as before, the container commands say why not', async () => {
  h = await Harness.start('packer', { configured: false });
  expect(await h.scan('P-100')).toMatchObject({ outcome: 'good', message: 'P-100 opened (0 of 10)' });
  expect(h.station.state().slices).not.toHaveProperty('container');
  expect(await h.requests['container.close']({})).toMatchObject({ outcome: 'bad', message: 'Containers are not set up at this station (config: container.types)' });
  expect(await h.scan('CMD:CONTAINER_CLOSE')).toMatchObject({ outcome: 'bad', message: 'Unknown command CMD:CONTAINER_CLOSE' });
});

test('registered in the station\'s list: with container types configured the scans go to containers; without, to bags', async () => {
  h = await Harness.start('packer', { hooks: 'registered' });
  expect(await h.scan('S-1')).toMatchObject({ outcome: 'good', message: 'Sack S-1 opened (0 of 3)' });
  expect(await h.scan('P-100')).toMatchObject({ outcome: 'bad', message: 'P-100 is not a container code this station knows (Bag, Sack, Pallet, Box)' });
  // The bag module's command barcodes are still its own.
  expect(await h.scan('CMD:CLOSE')).toMatchObject({ outcome: 'bad', message: 'No bag is open to close' });
  await h.dispose();
  h = await Harness.start('packer', { hooks: 'registered', configured: false });
  expect(await h.scan('P-100')).toMatchObject({ outcome: 'good', message: 'P-100 opened (0 of 10)' });
  expect(await h.scan('S-1')).toMatchObject({ outcome: 'bad' });
});
