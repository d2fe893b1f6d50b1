import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, serve, signInDemo, type Served } from './serve-process';

let dir: string;
let running: Served | null = null;
beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sigkill-')); });
afterEach(async () => {
  await running?.stop();
  running = null;
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A station with no scanners on a fresh data folder, and a WebSocket client to it, signed in as the demo packer. */
async function startStation(): Promise<{ args: string[]; first: Served; client: Client; signedIn: number }> {
  const config = path.join(dir, 'station.json');
  fs.writeFileSync(config, JSON.stringify({ bags: { capacity: 100 }, scanners: [] }));
  const args = ['--config', config, '--data-dir', path.join(dir, 'data')];
  running = await serve(args);
  const client = await Client.open(running.port);
  const signedIn: number = (await signInDemo(client)).seq;
  return { args, first: running, client, signedIn };
}

const CHILDREN = Array.from({ length: 40 }, (_, i) => `C-${String(i + 1).padStart(3, '0')}`);

test('every acknowledged scan, and the open parent with its children, survives SIGKILL', async () => {
  const { args, first, client, signedIn } = await startStation();
  const opened = await client.request('scan.submit', { code: 'P-KILL1', source: 'wedge' });
  expect(opened.result).toMatchObject({ outcome: 'good', seq: signedIn + 1 });

  // Fire all children at once and kill the host the moment the 25th acknowledgement arrives,
  // while later scans are still in flight.
  const acknowledged: Array<{ code: string; seq: number; correlationId: string }> = [];
  const exited = new Promise((resolve) => first.child.once('exit', resolve));
  await new Promise<void>((resolve) => {
    for (const code of CHILDREN) {
      client.request('scan.submit', { code, source: 'wedge' }).then((r) => {
        if (first.child.killed) return;
        acknowledged.push(r.result);
        if (acknowledged.length === 25) {
          first.child.kill('SIGKILL');
          resolve();
        }
      });
    }
  });
  await exited;
  client.close();
  expect(acknowledged).toHaveLength(25);
  for (const a of acknowledged) expect(a).toMatchObject({ outcome: 'good', code: expect.stringMatching(/^C-/) });

  // Restart on the same data folder.
  running = await serve(args);
  const after = await Client.open(running.port);
  const state = (await after.request('station.state', {})).result;
  after.close();
  expect(state.slices.bag.openParent.code).toBe('P-KILL1');
  const children: string[] = state.slices.bag.openParent.children;
  // Every acknowledged child is there, in scan order; scans committed but not yet acknowledged may follow.
  expect(children.slice(0, acknowledged.length)).toEqual(acknowledged.map((a) => a.code));
  expect(children).toEqual(CHILDREN.slice(0, children.length));

  const db = new Database(path.join(dir, 'data', 'station.db'), { readonly: true });
  const stored = db.prepare('SELECT seq, correlation_id AS correlationId FROM events WHERE seq = ?');
  for (const a of acknowledged) expect(stored.get(a.seq)).toEqual({ seq: a.seq, correlationId: a.correlationId });
  const seqs = db.prepare('SELECT seq FROM events ORDER BY seq').pluck().all() as number[];
  expect(seqs).toEqual(seqs.map((_, i) => i + 1)); // still gapless
  db.close();
});

test('an unacknowledged error and the recent scans survive SIGKILL; an acknowledged error does not come back', async () => {
  const { args, first, client } = await startStation();
  // A child before any parent, then a code of no known pattern: both refused, both pending.
  const early = (await client.request('scan.submit', { code: 'C-001', source: 'wedge' })).result;
  const unknown = (await client.request('scan.submit', { code: '???', source: 'wedge' })).result;
  const opened = (await client.request('scan.submit', { code: 'P-ACK1', source: 'wedge' })).result;
  expect([early.outcome, unknown.outcome, opened.outcome]).toEqual(['bad', 'bad', 'good']);

  const before = (await client.request('station.state', {})).result;
  expect(before.pendingErrors.map((e: { code: string }) => e.code)).toEqual(['???', 'C-001']);
  const [unknownError, earlyError] = before.pendingErrors;
  expect((await client.request('error.ack', { id: earlyError.id })).result).toEqual({ acknowledged: true });
  const recentBefore = (await client.request('station.state', {})).result.recentScans;
  expect(recentBefore.slice(0, 3).map((r: { code: string }) => r.code)).toEqual(['P-ACK1', '???', 'C-001']); // the sign-in's before them

  const exited = new Promise((resolve) => first.child.once('exit', resolve));
  first.child.kill('SIGKILL');
  await exited;
  client.close();

  running = await serve(args);
  const after = await Client.open(running.port);
  const state = (await after.request('station.state', {})).result;
  expect(state.pendingErrors).toEqual([unknownError]);
  expect(state.recentScans).toEqual(recentBefore);
  expect(state.slices.bag.openParent).toMatchObject({ code: 'P-ACK1', children: [] });
  expect((await after.request('scans.recent', { limit: 500 })).result).toEqual(recentBefore);

  // Acknowledged after the restart, it is gone for good; a second acknowledgement is a no-op.
  expect((await after.request('error.ack', { id: unknownError.id })).result).toEqual({ acknowledged: true });
  expect((await after.request('error.ack', { id: earlyError.id })).result).toEqual({ acknowledged: false });
  after.close();
  await running.stop();
  running = await serve(args);
  const third = await Client.open(running.port);
  expect((await third.request('station.state', {})).result.pendingErrors).toEqual([]);
  third.close();

  // The refusals are still in the log: acknowledging touches only the screen table.
  const db = new Database(path.join(dir, 'data', 'station.db'), { readonly: true });
  expect(db.prepare("SELECT count(*) FROM events WHERE type = 'scan.rejected'").pluck().get()).toBe(2);
  db.close();
});
