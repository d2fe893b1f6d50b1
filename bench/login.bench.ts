/**
 * Login latency: the demo supervisor's badge written to the scanner end of a real pty pair (as in
 * scan-latency: bench/pty-pair.ts), accepted (its `scan.result` reaches this WebSocket client), then the
 * PIN sent as 'session.pin' over the WebSocket and verified, until the session is on screen: the pushed
 * `state.patch` / `state.changed` whose `slices.session.status` is 'active' reaching this client.
 * LOGINS logins, signed out ('session.logout', waiting for the pushed signed-out state) between them.
 *
 * Baseline, same run, interleaved with the logins (one after each): scrypt's own time in this process,
 * node:crypto's asynchronous scrypt with the parameters src/workflows/user/pin.ts uses (PIN_PARAMS,
 * N=16384 r=8 p=1, a 32-byte key, a 16-byte salt). What the login costs on top of it is the badge
 * scan's transaction, the WebSocket round trip and the session's commit and push.
 */
import { randomBytes, scrypt, type ScryptOptions } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { StationState } from '../src/api';
import { PIN_PARAMS } from '../src/workflows/user/pin';
import { openScannerPty, relaunchWithDirectPty } from './pty-pair';
import { percentile, report } from './report';
import { connect, DEMO_SUPERVISOR, nowMs, request, signIn, signOut, sleep, startHost, stopHost, waitForDemoUsers, writeSerialConfig, type SignInTimes } from './station-host';

const WARMUP = 3;
const LOGINS = 50;
const KEY_BYTES = 32;

function scryptOnce(): Promise<number> {
  const options: ScryptOptions = { ...PIN_PARAMS, maxmem: 256 * PIN_PARAMS.N * PIN_PARAMS.r };
  const salt = randomBytes(16);
  const t0 = nowMs();
  return new Promise((resolve, reject) => scrypt(DEMO_SUPERVISOR.pin, salt, KEY_BYTES, options, (err) => (err ? reject(err) : resolve(nowMs() - t0))));
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'login-bench-'));
  const pty = await openScannerPty(dir);
  try {
    console.log(`scanner tty: ${pty.rig === 'direct' ? `direct kernel pty pair (${pty.path}), no relay process` : 'socat relay between two ptys (python3 not found)'}`);
    console.log(`${LOGINS} logins (after ${WARMUP} warm-up) as ${DEMO_SUPERVISOR.name}: badge over the tty → PIN over the WebSocket → session active pushed; scrypt N=${PIN_PARAMS.N} r=${PIN_PARAMS.r} p=${PIN_PARAMS.p} after each`);
    const host = await startHost(['--config', writeSerialConfig(dir, pty.path, 10), '--data-dir', path.join(dir, 'station-data')]);
    const ws = await connect(host.url);
    try {
      await waitForDemoUsers(ws);
      const logins: SignInTimes[] = [];
      const hashes: number[] = [];
      for (let i = 0; i < WARMUP + LOGINS; i++) {
        const times = await signIn(ws, (line) => pty.write(line));
        await signOut(ws);
        await sleep(20);
        const hash = await scryptOnce();
        if (i >= WARMUP) { logins.push(times); hashes.push(hash); }
        await sleep(20);
      }
      const state = await request<StationState>(ws, 'station.state');
      if (state.slices.session.status !== 'signed-out') throw new Error(`expected nobody signed in at the end, got ${state.slices.session.status}`);
      const total = logins.map((l) => l.totalMs);
      const scryptP50 = percentile(hashes, 50);
      const scryptP99 = percentile(hashes, 99);
      report({ name: 'login p50 (badge on the tty → accepted → PIN verified → session active on the WS client)', value: percentile(total, 50), unit: 'ms', baseline: { name: 'scrypt p50', value: scryptP50 } });
      report({ name: 'login p99', value: percentile(total, 99), unit: 'ms', baseline: { name: 'scrypt p99', value: scryptP99 } });
      report({ name: 'of which badge on the tty → accepted (scan.result), p50', value: percentile(logins.map((l) => l.badgeMs), 50), unit: 'ms' });
      report({ name: "of which 'session.pin' sent → answered, p50", value: percentile(logins.map((l) => l.pinMs), 50), unit: 'ms', baseline: { name: 'scrypt p50', value: scryptP50 } });
      report({ name: "'session.pin' sent → answered, p99", value: percentile(logins.map((l) => l.pinMs), 99), unit: 'ms', baseline: { name: 'scrypt p99', value: scryptP99 } });
    } finally {
      ws.terminate();
      await stopHost(host);
    }
  } finally {
    pty.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const relaunched = relaunchWithDirectPty();
if (relaunched !== null) process.exit(relaunched);
else {
  main().catch((err: unknown) => {
    console.error(`login benchmark failed: ${(err as Error).stack ?? String(err)}`);
    process.exit(1);
  });
}
