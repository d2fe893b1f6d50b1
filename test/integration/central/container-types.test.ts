import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStationRuntime, type StationRuntime } from '../../../main/compose';
import { loadConfig } from '../../../src/config/load';
import { createUser, signIn } from '../../helpers/sign-in';
import { describeWithCentral } from './helpers/central-db';
import { waitFor } from './helpers/wait';

jest.setTimeout(120_000);

/**
 * Container types defined at central flow down as reference data and are the station's types from
 * its next start, beside (and below) its own config's; a broken one is left out, not fatal.
 */
describeWithCentral('container types from central', (pg) => {
  let dir = '';
  let runtime: StationRuntime | undefined;
  afterAll(async () => {
    await runtime?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('come down with the reference pull and apply when the station starts again', async () => {
    const url = await pg.central.provision('ct-ref');
    await pg.central.admin.query(`INSERT INTO central.container_types (id, definition) VALUES
      ('tote', '{"id": "tote", "name": "Tote", "code": {"pattern": "^T-[0-9]+$"}, "capacity": 2, "holds": ["bag"]}'),
      ('bag', '{"id": "bag", "name": "Bag", "code": {"pattern": "^C-[0-9]+$"}, "holds": []}'),
      ('cage', '{"id": "cage", "name": "Cage", "code": {"pattern": "^G-"}, "capacity": 2, "holds": ["trolley"]}')`);
    await expect(pg.central.admin.query(`INSERT INTO central.container_types (id, definition) VALUES ('odd', '{"id": "other"}')`))
      .rejects.toMatchObject({ code: '23514' });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-ref-'));
    const config = loadConfig({ env: { STATION_ID: 'ct-ref' }, overrides: { dataDir: dir } });
    config.log.dir = '';
    config.session.demoUsers = false;
    config.central = { url, pollIntervalMs: 100, referencePollMs: 200, referenceSettleMs: 0 } as typeof config.central;
    runtime = openStationRuntime(config);
    const supervisor = await createUser(runtime.store, { role: 'supervisor' });
    const types = () => runtime!.store.db.prepare('SELECT id FROM ref_container_types ORDER BY id').pluck().all();
    await waitFor('the types to come down', () => types().length === 3, 30_000);
    expect(types()).toEqual(['bag', 'cage', 'tote']);
    await runtime.close();

    runtime = openStationRuntime(config);
    await signIn(runtime.station, supervisor);
    const scan = (code: string) => runtime!.station.submit({ deviceId: 'serial-1', bytes: new TextEncoder().encode(code), firstByteAt: 0, receivedAt: 0 });
    expect(await scan('T-1')).toMatchObject({ outcome: 'good', message: 'Tote T-1 opened (0 of 2)' });
    expect(await scan('C-1')).toMatchObject({ outcome: 'good', message: 'Bag C-1 into T-1 (1 of 2)' });
    // the cage holds a type nobody defines: left out, so its code is not a container here
    expect(await scan('G-1')).toMatchObject({ outcome: 'bad' });
  });
});
