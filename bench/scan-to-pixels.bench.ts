/**
 * Scan to pixels: from the scanner's bytes written to a real tty (the kernel pty pair of
 * bench/pty-pair.ts, read by `station serve`'s serial transport) to the scan's answer painted in the
 * kiosk page, in Debian's Chromium (/usr/bin/chromium through @playwright/test; no browser is
 * downloaded), measured IN THE PAGE: a MutationObserver sees the DOM update that shows the answer
 * (`[data-testid="scan-status"]` holding this scan's message) and the time taken is that of the first
 * requestAnimationFrame callback after it (performance.now() inside the callback: the frame that
 * paints it). "Settled" is the same for the whole screen: the answer, the recent-scans list headed by
 * this code and the bag panel's count (or, for the 10th child, the bag shown as closed).
 *
 * Clocks: the write is timed in this process (process.hrtime, CLOCK_MONOTONIC) and the paint in the
 * page (performance.now()). Before each round a clock-offset handshake aligns them, NTP-style, over the
 * DevTools protocol (a CDP session's Runtime.evaluate of `performance.now()`; the kiosk page's own CSP
 * allows no socket but its station's, and is left as it is): this process reads t1, the page returns
 * its performance.now() tp, the answer arrives at t2; offset = tp − (t1 + t2) / 2, from the ping with
 * the shortest round trip of CLOCK_PINGS (its error is at most half that round trip, printed). A write
 * at t is at t + offset on the page's clock. Both clocks are monotonic, so the offset must not move
 * between rounds: the spread printed checks that.
 *
 * Baseline, same run, same browser, rounds alternating with the station's: a bare WebSocket push from a
 * tiny ws server in this process to a page it serves, which sets the answer element's text; painted and
 * timed the same way (the same in-page probe). Goal: the answer's p99 ≤ 1.5× the baseline's p99.
 *
 * The kiosk page is signed in first, as a user does it: the demo supervisor's badge button, the PIN on
 * the on-screen keypad, OK.
 */
import { chromium, type Browser, type CDPSession, type Page } from '@playwright/test';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { fill } from '../src/core/decision';
import { openScannerPty, relaunchWithDirectPty, type ScannerPty } from './pty-pair';
import { percentile, report } from './report';
import { nowMs, paced, sleep, startHost, stopHost, writeSerialConfig } from './station-host';

const CHROMIUM = '/usr/bin/chromium';
const RATE_PER_S = 10;
const ROUNDS = 5;
const CAPACITY = 10;
/** Five bags a round: a parent and its 10 children each (the 10th closes it). */
const PER_ROUND = 5 * (CAPACITY + 1);
const WARMUP = CAPACITY + 1;
const CLOCK_PINGS = 100;
const P99_GOAL = 1.5;
const codeFor = (i: number) => (i % (CAPACITY + 1) === 0 ? `P-B${String(i).padStart(6, '0')}` : `C-${String(i).padStart(6, '0')}`);
const parentOf = (i: number) => codeFor(i - (i % (CAPACITY + 1)));

/** A DOM condition the probe checks: the element's text contains / equals, or no such element. */
interface Condition { sel: string; includes?: string; equals?: string; absent?: true }
interface Expectation { id: string; answer: Condition; settle: Condition[] }
interface Seen { id: string; answered: number | null; answerPaint: number | null; settled: number | null; settlePaint: number | null }

/**
 * The in-page probe (evaluated once per page). Its MutationObserver checks the armed expectations in
 * order (only the next few unanswered, so its cost stays flat); a match notes the time and asks for the
 * next animation frame, whose callback notes the paint.
 */
const PROBE = `(() => {
  if (window.__probe) return;
  const text = (sel) => { const el = document.querySelector(sel); return el ? el.textContent : null; };
  const holds = (c) => {
    const t = text(c.sel);
    if (c.absent) return t === null;
    if (t === null) return false;
    return c.equals !== undefined ? t.trim() === c.equals : t.includes(c.includes);
  };
  let all = [];
  let pending = [];
  const check = () => {
    const now = performance.now();
    let unanswered = 0;
    for (const e of pending) {
      if (e.answered === null) {
        if (++unanswered > 3) break;
        if (!holds(e.answer)) continue;
        e.answered = now;
        requestAnimationFrame(() => { e.answerPaint = performance.now(); });
      }
      if (e.settled === null && e.settle.every(holds)) {
        e.settled = now;
        requestAnimationFrame(() => { e.settlePaint = performance.now(); });
      }
    }
    pending = pending.filter((e) => e.settled === null);
  };
  new MutationObserver(check).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  window.__probe = {
    arm(list) {
      all = list.map((e) => ({ ...e, answered: null, answerPaint: null, settled: null, settlePaint: null }));
      pending = all.slice();
    },
    results: () => all.map(({ id, answered, answerPaint, settled, settlePaint }) => ({ id, answered, answerPaint, settled, settlePaint })),
    done: () => all.every((e) => e.settlePaint !== null && e.answerPaint !== null),
  };
})()`;

/** The baseline page: one answer element, whose text each push sets (no framework, nothing else). */
const BASELINE_HTML = `<!doctype html><html><head><meta charset="utf-8"><title>bare push</title>
<style>body{font:24px sans-serif;margin:2em}.status{padding:1em;background:#dfd}</style></head>
<body><div class="status" data-testid="scan-status" id="answer">ready</div>
<script>
const ws = new WebSocket('ws://' + location.host + '/push');
ws.onmessage = (e) => { const msg = JSON.parse(e.data); document.getElementById('answer').textContent = msg.payload.message; };
</script></body></html>`;

/** This process's tiny server: the baseline page and its push socket. */
async function startBenchServer() {
  const server = http.createServer((req, res) => {
    if (req.url === '/') { res.writeHead(200, { 'Content-Type': 'text/html' }); res.end(BASELINE_HTML); } else { res.writeHead(404); res.end(); }
  });
  const wss = new WebSocketServer({ server });
  let push: WebSocket | null = null;
  const pushOpen = new Promise<void>((resolve) => {
    wss.on('connection', (ws, req) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === '/push') { push = ws; resolve(); }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    pushOpen,
    push: (frame: string) => push!.send(frame),
    close: () => new Promise<void>((resolve) => { for (const c of wss.clients) c.terminate(); wss.close(); server.close(() => resolve()); }),
  };
}

/** Page clock − this process's clock, from the ping with the shortest round trip. */
async function clockOffset(cdp: CDPSession): Promise<{ offset: number; rtt: number }> {
  let best = { offset: NaN, rtt: Infinity };
  for (let n = 0; n < CLOCK_PINGS; n++) {
    const t1 = nowMs();
    const reply = await cdp.send('Runtime.evaluate', { expression: 'performance.now()', returnByValue: true });
    const t2 = nowMs();
    const tp = Number(reply.result.value);
    if (t2 - t1 < best.rtt) best = { offset: tp - (t1 + t2) / 2, rtt: t2 - t1 };
    await sleep(2);
  }
  return best;
}

/** The probe's handle, as the page's window holds it (the casts stay inline: page.evaluate sends the function's source). */
interface ProbeWindow { __probe: { arm(list: Expectation[]): void; results(): Seen[]; done(): boolean } }

const statusSel = '[data-testid="scan-status"]';

/** What the kiosk shows once scan i was answered, and once the whole screen caught up with it. */
function stationExpectation(i: number): Expectation {
  const code = codeFor(i);
  const parent = parentOf(i);
  const k = i % (CAPACITY + 1);
  const answer = k === 0 ? `${parent} opened` : `Child ${fill(k, CAPACITY)} linked to ${parent}`;
  const recent = { sel: '[data-testid="recent-scans"] li:first-child .recent__code', equals: code };
  const bag: Condition[] = k < CAPACITY
    ? [{ sel: '[data-testid="bag-code"]', equals: parent }, { sel: '[data-testid="bag-count"]', equals: `${k} / ${CAPACITY}` }]
    : [{ sel: '[data-testid="bag-count"]', absent: true }, { sel: '[data-testid="last-closed"]', includes: parent }];
  return { id: code, answer: { sel: statusSel, includes: answer }, settle: [recent, ...bag] };
}

interface RoundResult { answer: number[]; settled: number[]; dom: number[]; missing: number; clock: { offset: number; rtt: number } }

/**
 * One round on one page: arm the probe, send `n` at RATE_PER_S with `send` (timed here), wait for the
 * page to paint them all, and convert each write time to the page's clock.
 */
async function round(page: Page, clock: CDPSession, list: Expectation[], send: (k: number) => void): Promise<RoundResult> {
  await page.bringToFront();
  const aligned = await clockOffset(clock);
  await page.evaluate((l) => (window as unknown as ProbeWindow).__probe.arm(l), list);
  const writtenAt: number[] = [];
  await paced(list.length, RATE_PER_S, (k) => { writtenAt[k] = nowMs(); send(k); });
  const deadline = nowMs() + 5000;
  while (!(await page.evaluate(() => (window as unknown as ProbeWindow).__probe.done())) && nowMs() < deadline) await sleep(50);
  const seen: Seen[] = await page.evaluate(() => (window as unknown as ProbeWindow).__probe.results());
  const out: RoundResult = { answer: [], settled: [], dom: [], missing: 0, clock: aligned };
  seen.forEach((s, k) => {
    const onPage = writtenAt[k]! + aligned.offset;
    if (s.answerPaint === null || s.settlePaint === null || s.answered === null) { out.missing++; return; }
    out.answer.push(s.answerPaint - onPage);
    out.settled.push(s.settlePaint - onPage);
    out.dom.push(s.answered - onPage);
  });
  return out;
}

async function signInOnPage(page: Page): Promise<void> {
  await page.locator('[data-testid="demo-user-supervisor"]').click({ timeout: 20_000 });
  for (let n = 0; n < 4; n++) await page.locator('[aria-label="PIN digit 4"]').click();
  await page.locator('[data-testid="pin-submit"]').click();
  await page.locator('[data-testid="scan-screen"]').waitFor({ timeout: 10_000 });
}

async function main(): Promise<void> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: this bench uses Debian's Chromium and never downloads one`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scan-to-pixels-'));
  let pty: ScannerPty | null = null;
  let browser: Browser | null = null;
  const bench = await startBenchServer();
  let host: Awaited<ReturnType<typeof startHost>> | null = null;
  try {
    pty = await openScannerPty(dir);
    const tty = pty;
    console.log(`scanner tty: ${tty.rig === 'direct' ? `direct kernel pty pair (${tty.path}), no relay process` : 'socat relay between two ptys (python3 not found)'}`);
    host = await startHost(['--config', writeSerialConfig(dir, tty.path, CAPACITY), '--data-dir', path.join(dir, 'station-data')]);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    console.log(`browser: ${CHROMIUM} ${browser.version()} (headless); ${ROUNDS} rounds of ${PER_ROUND} scans (bags of ${CAPACITY}) at ${RATE_PER_S}/s, alternating with the baseline's rounds`);

    const kiosk = await browser.newPage();
    await kiosk.goto(host.url);
    await signInOnPage(kiosk);
    await kiosk.evaluate(PROBE);
    const kioskClock = await kiosk.context().newCDPSession(kiosk);
    const bare = await browser.newPage();
    await bare.goto(bench.url);
    await bench.pushOpen;
    await bare.evaluate(PROBE);
    const bareClock = await bare.context().newCDPSession(bare);
    console.log('kiosk page signed in as the demo supervisor (badge button, keypad, OK)');

    let i = 0;
    let pushes = 0;
    const stationRound = (n: number) => {
      const from = i;
      i += n;
      const list = Array.from({ length: n }, (_, k) => stationExpectation(from + k));
      return round(kiosk, kioskClock, list, (k) => tty.write(`${codeFor(from + k)}\r`));
    };
    const bareRound = (n: number) => {
      const from = pushes;
      pushes += n;
      const message = (k: number) => `Child ${fill(k % CAPACITY, CAPACITY)} linked to push ${from + k}`;
      const list = Array.from({ length: n }, (_, k) => ({ id: String(from + k), answer: { sel: statusSel, equals: message(k) }, settle: [] }));
      return round(bare, bareClock, list, (k) => bench.push(JSON.stringify({
        kind: 'event', name: 'scan.result',
        payload: { correlationId: `bench-${from + k}`, deviceId: 'bench', code: codeFor(from + k), codeClass: 'child', outcome: 'good', message: message(k), seq: from + k + 1, at: new Date().toISOString() },
      })));
    };
    await stationRound(WARMUP);
    await bareRound(WARMUP);
    const station: RoundResult[] = [];
    const baseline: RoundResult[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const s = await stationRound(PER_ROUND);
      const b = await bareRound(PER_ROUND);
      station.push(s);
      baseline.push(b);
      console.log(`round ${r + 1}/${ROUNDS}: answer painted p50 ${percentile(s.answer, 50).toFixed(1)} p99 ${percentile(s.answer, 99).toFixed(1)} ms | settled p50 ${percentile(s.settled, 50).toFixed(1)} p99 ${percentile(s.settled, 99).toFixed(1)} ms | bare push painted p50 ${percentile(b.answer, 50).toFixed(1)} p99 ${percentile(b.answer, 99).toFixed(1)} ms | clock offsets ±${(s.clock.rtt / 2).toFixed(2)}/±${(b.clock.rtt / 2).toFixed(2)} ms`);
    }
    const all = (rs: RoundResult[], key: 'answer' | 'settled' | 'dom') => rs.flatMap((r) => r[key]);
    const missing = station.reduce((n, r) => n + r.missing, 0) + baseline.reduce((n, r) => n + r.missing, 0);
    const spread = (rs: RoundResult[]) => Math.max(...rs.map((r) => r.clock.offset)) - Math.min(...rs.map((r) => r.clock.offset));
    const worstRtt = Math.max(...[...station, ...baseline].map((r) => r.clock.rtt));
    console.log(`clocks aligned before each round by a handshake over CDP (page performance.now() vs this process's hrtime, the shortest of ${CLOCK_PINGS} round trips): worst round trip ${worstRtt.toFixed(2)} ms (error ≤ half of it); offset spread across rounds: kiosk ${spread(station).toFixed(2)} ms, bare ${spread(baseline).toFixed(2)} ms`);
    if (missing > 0) console.log(`${missing} scans or pushes were never seen painted`);
    const n = all(station, 'answer').length;
    const bareP50 = percentile(all(baseline, 'answer'), 50);
    const bareP99 = percentile(all(baseline, 'answer'), 99);
    const p99 = percentile(all(station, 'answer'), 99);
    report({ name: `scan → answer painted p50 (tty write → first rAF after the DOM shows it; ${n} scans, logged in)`, value: percentile(all(station, 'answer'), 50), unit: 'ms', baseline: { name: 'bare WS push painted p50', value: bareP50 } });
    report({ name: 'scan → answer painted p99', value: p99, unit: 'ms', baseline: { name: 'bare WS push painted p99', value: bareP99 }, goal: `p99 ≤ ${P99_GOAL}× bare push p99`, met: p99 <= P99_GOAL * bareP99 });
    report({ name: 'scan → screen settled p50 (answer + recent list + bag count painted)', value: percentile(all(station, 'settled'), 50), unit: 'ms', baseline: { name: 'bare WS push painted p50', value: bareP50 } });
    report({ name: 'scan → screen settled p99', value: percentile(all(station, 'settled'), 99), unit: 'ms', baseline: { name: 'bare WS push painted p99', value: bareP99 } });
    report({ name: 'scan → answer in the DOM p50 (before its frame)', value: percentile(all(station, 'dom'), 50), unit: 'ms', baseline: { name: 'bare push in the DOM p50', value: percentile(all(baseline, 'dom'), 50) } });
    if (missing > 0) process.exitCode = 1;
  } finally {
    await browser?.close();
    if (host) await stopHost(host);
    await bench.close();
    pty?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const relaunched = relaunchWithDirectPty();
if (relaunched !== null) process.exit(relaunched);
else {
  main().catch((err: unknown) => {
    console.error(`scan-to-pixels benchmark failed: ${(err as Error).stack ?? String(err)}`);
    process.exit(1);
  });
}
