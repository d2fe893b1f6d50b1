import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, serve, type Served } from './serve-process';

let dir: string;
let running: Served | null = null;
beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sigkill-')); });
afterEach(async () => {
  await running?.stop();
  running = null;
  fs.rmSync(dir, { recursive: true, force: true });
});

const CHILDREN = Array.from({ length: 40 }, (_, i) => `C-${String(i + 1).padStart(3, '0')}`);

test('every acknowledged scan, and the open parent with its children, survives SIGKILL', async () => {
  const config = path.join(dir, 'station.json');
  fs.writeFileSync(config, JSON.stringify({ bags: { capacity: 100 }, scanners: [] }));
  const args = ['--config', config, '--data-dir', path.join(dir, 'data')];

  running = await serve(args);
  const first = running;
  const client = await Client.open(first.port);
  const opened = await client.request('scan.submit', { code: 'P-KILL1', source: 'wedge' });
  expect(opened.result).toMatchObject({ outcome: 'good', seq: 1 });

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
  expect(state.openParent.code).toBe('P-KILL1');
  const children: string[] = state.openParent.children;
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
