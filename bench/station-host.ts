/**
 * What the station benchmarks share: `station serve` started as `npm start` starts it (the host's V8
 * flags), a WebSocket client for the station API (request envelopes `{id, name, payload}`), and the
 * sign-in every scan now needs: a badge scanned on the bench's tty, then `session.pin` over the
 * WebSocket, done once the pushed state shows the session active.
 */
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { WebSocket } from 'ws';
import { HOST_V8_FLAGS, hostEnv } from '../main/launcher/host-flags';
import type { StationState } from '../src/api';

export const STATION_JS = path.resolve(__dirname, '..', 'main', 'cli', 'station.js');
/** src/workflows/session/demo-users.ts: created by a non-kiosk station shortly after it starts. */
export const DEMO_SUPERVISOR = { badge: 'B-DEMO4', pin: '4444', name: 'Demo Supervisor' } as const;

export const nowMs = () => Number(process.hrtime.bigint()) / 1e6;
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs `tick(i, arrivedAt)` n times at a fixed rate, correcting for drift. `arrivedAt` is when scan i
 * arrived: now, or its due time when the previous tick overran it (the scan was waiting since then).
 */
export async function paced(n: number, perSecond: number, tick: (i: number, arrivedAt: number) => void | Promise<void>): Promise<void> {
  const start = nowMs();
  for (let i = 0; i < n; i++) {
    const due = start + (i * 1000) / perSecond;
    const wait = due - nowMs();
    if (wait > 0) await sleep(wait);
    const pending = tick(i, wait > 0 ? nowMs() : due);
    if (pending) await pending;
  }
}

export interface Host { child: ChildProcess; url: string; readyMs: number }

export function startHost(args: string[]): Promise<Host> {
  const t0 = nowMs();
  const child = spawn(process.execPath, [...HOST_V8_FLAGS, STATION_JS, 'serve', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'inherit'], env: hostEnv() });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += String(d);
      const m = /station ready: (\S+)/.exec(out);
      if (m) resolve({ child, url: m[1]!, readyMs: nowMs() - t0 });
    });
    child.once('exit', (code) => reject(new Error(`station serve exited ${code} before it was ready`)));
  });
}

export function stopHost(host: Host): Promise<void> {
  return new Promise((resolve) => {
    if (host.child.exitCode !== null) return resolve();
    host.child.once('exit', () => resolve());
    host.child.kill('SIGTERM');
  });
}

export function rssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

/** A station config reading one serial scanner on `ttyPath` (CR-terminated, as the bench writes). */
export function writeSerialConfig(dir: string, ttyPath: string, capacity: number): string {
  const config = path.join(dir, 'station.json');
  fs.writeFileSync(config, JSON.stringify({
    bags: { capacity },
    scanners: [{ kind: 'serial', id: 'bench-serial', path: ttyPath, baudRate: 115200, framing: { suffix: 'CR' } }],
  }));
  return config;
}

export async function connect(hostUrl: string): Promise<WebSocket> {
  const ws = new WebSocket(`${hostUrl.replace('http', 'ws')}/ws`);
  await new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject); });
  return ws;
}

/** What this client reads of the frames it parses: responses, and the pushed scan results and states. */
interface Envelope {
  kind: 'response' | 'event';
  id?: number | null;
  ok?: boolean;
  result?: unknown;
  error?: { message: string };
  name?: string;
  payload?: { code?: string; outcome?: string; message?: string; slices?: { session?: { status: string } } };
}
let nextId = 1;

/** One request; resolves with its result, rejects with the station's error. */
export function request<T = unknown>(ws: WebSocket, name: string, payload: unknown = {}): Promise<T> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const onMessage = (data: Buffer) => {
      if (data.indexOf('"response"') < 0) return;
      const msg = JSON.parse(String(data)) as Envelope;
      if (msg.kind !== 'response' || msg.id !== id) return;
      ws.off('message', onMessage);
      if (msg.ok) resolve(msg.result as T);
      else reject(new Error(`${name}: ${msg.error?.message}`));
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ id, name, payload }));
  });
}

/** Waits until the station has created its demo users (it hashes their PINs first). */
export async function waitForDemoUsers(ws: WebSocket, timeoutMs = 15_000): Promise<void> {
  const deadline = nowMs() + timeoutMs;
  for (;;) {
    const state = await request<StationState>(ws, 'station.state');
    if (state.slices.session.demoUsers?.length) return;
    if (nowMs() > deadline) throw new Error('the station created no demo users');
    await sleep(50);
  }
}

/** The session slice of a pushed `state.patch` / `state.changed`, if the frame carries one. */
function pushedSession(msg: Envelope): { status: string } | undefined {
  if (msg.kind !== 'event' || (msg.name !== 'state.patch' && msg.name !== 'state.changed')) return undefined;
  return msg.payload?.slices?.session;
}

export interface SignInTimes {
  /** tty write → the badge's `scan.result` (accepted: the keypad opens). */
  badgeMs: number;
  /** `session.pin` sent → its response (the PIN verified). */
  pinMs: number;
  /** tty write → the pushed state with `slices.session.status === 'active'` (the session on screen). */
  totalMs: number;
}

/**
 * Signs in: the badge written to the scanner tty, then its PIN over the WebSocket; resolves once the
 * session is on screen (a pushed state shows it active), with the times of each step.
 */
export function signIn(ws: WebSocket, writeBadge: (line: string) => void, user: { badge: string; pin: string } = DEMO_SUPERVISOR, timeoutMs = 10_000): Promise<SignInTimes> {
  return new Promise((resolve, reject) => {
    let t0 = 0;
    let badgeAt = 0;
    let pinSentAt = 0;
    let pinAnsweredAt = 0;
    let activeAt = 0;
    const timer = setTimeout(() => finish(new Error(`sign-in as ${user.badge} timed out (badge ${badgeAt ? 'accepted' : 'not answered'}, PIN ${pinAnsweredAt ? 'answered' : 'not answered'})`)), timeoutMs);
    const finish = (err?: Error) => {
      clearTimeout(timer);
      ws.off('message', onMessage);
      if (err) reject(err);
      else resolve({ badgeMs: badgeAt - t0, pinMs: pinAnsweredAt - pinSentAt, totalMs: activeAt - t0 });
    };
    const onMessage = (data: Buffer) => {
      const t = nowMs();
      const msg = JSON.parse(String(data)) as Envelope;
      if (msg.kind === 'event' && msg.name === 'scan.result' && msg.payload?.code === user.badge && !badgeAt) {
        if (msg.payload.outcome !== 'good') return finish(new Error(`badge ${user.badge} refused: ${msg.payload.message}`));
        badgeAt = t;
        pinSentAt = nowMs();
        ws.send(JSON.stringify({ id: pinRequest, name: 'session.pin', payload: { pin: user.pin } }));
      } else if (msg.kind === 'response' && msg.id === pinRequest) {
        if (!msg.ok || (msg.result as { outcome: string }).outcome !== 'good') return finish(new Error(`PIN refused: ${JSON.stringify(msg.error ?? msg.result)}`));
        pinAnsweredAt = t;
      } else if (pinSentAt && pushedSession(msg)?.status === 'active' && !activeAt) {
        activeAt = t;
      }
      if (activeAt && pinAnsweredAt) finish();
    };
    const pinRequest = nextId++;
    ws.on('message', onMessage);
    t0 = nowMs();
    writeBadge(`${user.badge}\r`);
  });
}

/** Signs out ('session.logout') and waits for the pushed state to show nobody signed in. */
export function signOut(ws: WebSocket, timeoutMs = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { ws.off('message', onMessage); reject(new Error('sign-out timed out')); }, timeoutMs);
    let answered = false;
    let pushed = false;
    const id = nextId++;
    const onMessage = (data: Buffer) => {
      const msg = JSON.parse(String(data)) as Envelope;
      if (msg.kind === 'response' && msg.id === id) {
        if (!msg.ok) { clearTimeout(timer); ws.off('message', onMessage); return reject(new Error(`session.logout: ${msg.error?.message}`)); }
        answered = true;
      } else if (pushedSession(msg)?.status === 'signed-out') pushed = true;
      if (answered && pushed) { clearTimeout(timer); ws.off('message', onMessage); resolve(); }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ id, name: 'session.logout', payload: {} }));
  });
}
