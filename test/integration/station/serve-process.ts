import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { WebSocket } from 'ws';
import { HOST_V8_FLAGS, hostEnv } from '../../../main/launcher/host-flags';

export const STATION_JS = path.resolve(__dirname, '../../../dist/main/cli/station.js');

/** Runs `station <args>` to completion (doctor, --help …). */
export function runStation(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [STATION_JS, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export interface Served {
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything the process wrote to stderr so far, for failure messages. */
  stderr(): string;
  stop(): Promise<number | null>;
}

/** Spawns `station serve` (as `npm start` does) and resolves once it prints its ready line. */
export function serve(args: string[]): Promise<Served> {
  const child = spawn(process.execPath, [...HOST_V8_FLAGS, STATION_JS, 'serve', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: hostEnv() });
  let stderr = '';
  child.stderr!.on('data', (d) => { stderr += String(d); });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += String(d);
      const m = /station ready: (http:\/\/[^\s]+)/.exec(out);
      if (!m) return;
      const url = m[1]!;
      resolve({
        url, port: Number(new URL(url).port), child, stderr: () => stderr,
        stop: () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          return exited;
        },
      });
    });
    exited.then((code) => reject(new Error(`station serve exited (${code}) before it was ready:\n${stderr}`)));
  });
}

/** Results are checked field by field in the tests, so they are left untyped here. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;
type Response = { kind: 'response'; id: number | null; ok: boolean; result?: Loose; error?: { code: string; message: string } };

/** A WebSocket client that matches responses to requests and keeps pushed events. */
export class Client {
  readonly events: Array<{ name: string; payload: Loose }> = [];
  private readonly waiting = new Map<number | null, Array<(r: Response) => void>>();
  private readonly eventWatchers = new Set<() => void>();
  private nextId = 1;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data));
      if (msg.kind === 'event') {
        this.events.push(msg);
        for (const watch of this.eventWatchers) watch();
        return;
      }
      const queue = this.waiting.get(msg.id);
      queue?.shift()?.(msg);
    });
  }

  static open(port: number, origin?: string): Promise<Client> {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, origin ? { origin } : {});
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new Client(ws)));
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    });
  }

  /** Sends any text (valid or not) and waits for the response with `id` (null for unparseable messages). */
  sendRaw(text: string | Buffer, id: number | null): Promise<Response> {
    const answer = new Promise<Response>((resolve) => {
      const queue = this.waiting.get(id) ?? [];
      queue.push(resolve);
      this.waiting.set(id, queue);
    });
    this.ws.send(text);
    return answer;
  }

  request(name: string, payload: unknown): Promise<Response> {
    const id = this.nextId++;
    return this.sendRaw(JSON.stringify({ id, name, payload }), id);
  }

  /** The first pushed event called `name` at index `from` or later, once it has arrived. */
  event(name: string, from = 0): Promise<{ name: string; payload: Loose }> {
    return new Promise((resolve) => {
      const watch = () => {
        const found = this.events.slice(from).find((e) => e.name === name);
        if (!found) return;
        this.eventWatchers.delete(watch);
        resolve(found);
      };
      this.eventWatchers.add(watch);
      watch();
    });
  }

  close(): void {
    this.ws.terminate();
  }
}

/**
 * Signs in over the WebSocket as one of the demo users the host creates on a station with no users
 * (outside kiosk mode): waits for them, scans the badge and sends the PIN. Returns the PIN's result
 * (its `seq` is the last event of the sign-in).
 */
export async function signInDemo(client: Client, user: { badge: string; pin: string } = { badge: 'B-DEMO1', pin: '1111' }, ms = 10_000): Promise<Loose> {
  const until = Date.now() + ms;
  for (;;) {
    const state = (await client.request('station.state', {})).result;
    if (state?.slices?.session?.demoUsers) break;
    if (Date.now() > until) throw new Error('timed out waiting for the demo users');
    await new Promise((r) => setTimeout(r, 25));
  }
  const badge = await client.request('scan.submit', { code: user.badge, source: 'wedge' });
  if (badge.result?.outcome !== 'good') throw new Error(`badge ${user.badge} refused: ${JSON.stringify(badge)}`);
  const pin = await client.request('session.pin', { pin: user.pin });
  if (pin.result?.outcome !== 'good') throw new Error(`PIN of ${user.badge} refused: ${JSON.stringify(pin)}`);
  return pin.result;
}
