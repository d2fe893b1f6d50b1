import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { verifyPin } from '../../../src/workflows/user/pin';
import { station } from './run-cli';

let dir: string;
beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'users-cli-')); });
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const add = (args: string[], pin: string) => station(['users', 'add', '--data-dir', dir, ...args], { input: `${pin}\n` });
const rows = (sql: string) => {
  const db = new Database(path.join(dir, 'station.db'), { readonly: true });
  try { return db.prepare(sql).all() as Array<Record<string, unknown>>; } finally { db.close(); }
};

test('the first admin of a station: the PIN from stdin is stored only as its scrypt hash, as an event', async () => {
  const r = add(['--name', 'Ada Admin', '--role', 'admin', '--badge', 'B-ADA001'], '4711');
  expect(r).toMatchObject({ code: 0, stderr: '' });
  expect(r.stdout).toMatch(/^user Ada Admin \(admin, badge B-ADA001\) added as u-/);
  const [user] = rows('SELECT name, role, badge, active, pin_hash FROM ref_users');
  expect(user).toMatchObject({ name: 'Ada Admin', role: 'admin', badge: 'B-ADA001', active: 1 });
  expect(await verifyPin('4711', String(user!.pin_hash))).toBe(true);
  const events = rows('SELECT type, payload, device_id FROM events');
  expect(events).toEqual([expect.objectContaining({ type: 'user.created', device_id: 'cli' })]);
  expect(String(events[0]!.payload)).not.toContain('4711');
  expect(r.stdout + r.stderr).not.toContain('4711');
});

test('a second admin is refused (the admin screen adds users), and bad input names what is wrong', () => {
  expect(add(['--name', 'Ada', '--role', 'admin', '--badge', 'B-ADA001'], '4711').code).toBe(0);
  expect(add(['--name', 'Bob', '--role', 'admin', '--badge', 'B-BOB001'], '4711'))
    .toMatchObject({ code: 1, stderr: 'station: this station has an admin already: add users on the admin screen (or with --central)\n' });
  expect(add(['--name', 'Bob', '--role', 'boss', '--badge', 'B-BOB001'], '4711')).toMatchObject({ code: 2, stderr: expect.stringContaining('--role: Invalid option') });
  expect(add(['--name', 'Bob', '--role', 'admin', '--badge', 'B-BOB001'], '12ab')).toMatchObject({ code: 2, stderr: 'station: PIN: 4 to 8 digits\n' });
  expect(add(['--role', 'admin', '--badge', 'B-BOB001'], '1234')).toMatchObject({ code: 2, stderr: expect.stringContaining('--name') });
  expect(rows('SELECT count(*) AS n FROM ref_users')).toEqual([{ n: 1 }]);
});
