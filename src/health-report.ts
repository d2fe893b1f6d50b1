import type { DeviceHealth } from './api';
import type { ReplicationStatus } from './central/status';

/**
 * The station's health in one report, built by ONE function for both GET /health on the headless host
 * (from the running station's memory) and `station doctor` (from its probes). docs/health.md.
 *
 * - `down` (HTTP 503): the station cannot take scans safely: the store cannot commit, the disk is
 *   below its threshold, or no scanner works.
 * - `degraded` (HTTP 200): scans are taken, but something needs a person: a scanner of several
 *   missing, a scale or the printer not working, central unreachable, a stuck queue.
 * - `ok` (HTTP 200): every check passed.
 */
export type HealthStatus = 'ok' | 'degraded' | 'down';

export interface HealthCheck {
  ok: boolean;
  detail: string;
  [extra: string]: unknown;
}

export const CHECK_NAMES = ['store', 'scanners', 'scale', 'printer', 'central', 'disk', 'queue'] as const;
export type CheckName = (typeof CHECK_NAMES)[number];

export interface HealthReport {
  status: HealthStatus;
  stationId: string;
  /** When the report was built (ISO). */
  at: string;
  checks: Record<CheckName, HealthCheck>;
}

/** One configured device as a probe or the running station sees it; `health` is the running station's record. */
export interface DeviceReading {
  deviceId: string;
  ok: boolean;
  detail: string;
  health?: DeviceHealth;
}

export interface HealthInputs {
  stationId: string;
  store: { ok: boolean; detail: string };
  /** Every configured scanner. */
  scanners: DeviceReading[];
  /** Null: no scale configured. */
  scales: DeviceReading[] | null;
  /** Null: no label printer configured. */
  printer: DeviceReading | null;
  /** The replication status (the worker's, or as saved in the database); the queue is measured either way. */
  central: { configured: boolean; status: ReplicationStatus };
  disk: { dir: string; freeBytes: number | null; error?: string; minFreeBytes: number };
  now?: number;
}

const mib = (n: number) => `${Math.floor(n / (1024 * 1024))} MiB`;

export function ageText(ms: number | null): string {
  if (ms === null) return 'n/a';
  const s = Math.round(ms / 1000);
  return s < 120 ? `${s} s` : s < 7200 ? `${Math.round(s / 60)} min` : `${Math.round(s / 3600)} h`;
}

/** A connection error may quote a URL or a conninfo string: never hand out a password. */
export function redact(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^\s/@]*@/gi, '$1***@').replace(/(password\s*=\s*)[^\s)'",;]+/gi, '$1***');
}

function deviceEntry(d: DeviceReading): Record<string, unknown> {
  const h = d.health;
  return {
    id: d.deviceId, ok: d.ok, detail: redact(d.detail),
    ...(h ? { status: h.status, since: h.since, lastEventAt: h.lastEventAt, errors: h.errors, reconnects: h.reconnects, lastProblem: h.lastProblem && { ...h.lastProblem, message: redact(h.lastProblem.message) } } : {}),
  };
}

function devicesCheck(list: DeviceReading[], what: string): HealthCheck {
  const bad = list.filter((d) => !d.ok);
  const detail = list.length === 0 ? `no ${what} configured`
    : bad.length === 0 ? list.map((d) => `${d.deviceId}: ${d.detail}`).join('; ')
      : bad.map((d) => `${d.deviceId}: ${d.detail}`).join('; ');
  return { ok: list.length > 0 && bad.length === 0, detail: redact(detail), configured: list.length, working: list.length - bad.length, devices: list.map(deviceEntry) };
}

function scannersCheck(list: DeviceReading[]): HealthCheck {
  const check = devicesCheck(list, 'scanner');
  const working = check.working as number;
  if (list.length > 0 && working === 0) check.detail = `no scanner works: ${check.detail}`;
  else if (!check.ok) check.detail = `${working} of ${list.length} scanners work; ${check.detail}`;
  return check;
}

function optionalCheck(list: DeviceReading[] | null, what: string): HealthCheck {
  return list === null ? { ok: true, detail: 'not configured' } : devicesCheck(list, what);
}

function centralCheck({ configured, status: s }: HealthInputs['central'], now: number): HealthCheck {
  if (!configured) return { ok: true, detail: 'not configured: the station works offline', configured: false };
  const extra = { configured: true, state: s.state, centralMark: s.centralMark, lastAckAt: s.lastAckAt === null ? null : new Date(s.lastAckAt).toISOString() };
  const since = s.lastAckAt === null ? 'never reached yet' : `last answer ${ageText(Math.max(0, now - s.lastAckAt))} ago`;
  const quarantined = s.centralHealth ? s.centralHealth.ingestDeadLetters + s.centralHealth.projectionDeadLetters : 0;
  if (s.lastError && (s.state === 'retrying' || s.state === 'error' || s.state === 'starting')) {
    return { ok: false, detail: redact(`central not reachable or refusing (${s.state}): ${s.lastError.message}; ${since}`), ...extra };
  }
  if (s.state === 'stopped' || s.state === 'error') return { ok: false, detail: redact(`replication ${s.state}${s.localWarning ? `: ${s.localWarning}` : ''}`), ...extra };
  if (quarantined > 0) return { ok: false, detail: `${quarantined} events quarantined at central: a supervisor must retry or skip them`, ...extra, quarantined };
  return { ok: true, detail: `${s.state}: ${since}, central mark ${s.centralMark ?? 'not seen yet'}`, ...extra };
}

function queueCheck({ configured, status: s }: HealthInputs['central']): HealthCheck {
  const extra = { depth: s.queueDepth, oldestUnsentAgeMs: s.oldestUnsentAgeMs, stuck: s.stuck };
  const waiting = s.queueDepth === 0 ? 'empty' : `${s.queueDepth} events waiting, oldest ${ageText(s.oldestUnsentAgeMs)}`;
  const warning = s.localWarning ? `; ${redact(s.localWarning)}` : '';
  if (!configured) return { ok: true, detail: `not configured: ${waiting}, kept on this station${warning}`, ...extra };
  if (s.stuck) return { ok: false, detail: `stuck: ${waiting}, central's mark has not moved${warning}`, ...extra };
  return { ok: true, detail: `${waiting}${warning}`, ...extra };
}

function diskCheck(d: HealthInputs['disk']): HealthCheck {
  const extra = { freeBytes: d.freeBytes, minFreeBytes: d.minFreeBytes };
  if (d.freeBytes === null) return { ok: false, detail: `cannot read the free space of ${d.dir}${d.error ? ` (${d.error})` : ''}`, ...extra };
  if (d.freeBytes < d.minFreeBytes) return { ok: false, detail: `only ${mib(d.freeBytes)} free on ${d.dir}; need at least ${mib(d.minFreeBytes)}`, ...extra };
  return { ok: true, detail: `${mib(d.freeBytes)} free on ${d.dir}`, ...extra };
}

/** The verdict: which checks stop scanning (down) and which only need attention (degraded). */
export function verdict(checks: Record<CheckName, HealthCheck>): HealthStatus {
  if (!checks.store.ok || !checks.disk.ok || checks.scanners.working === 0 || checks.scanners.configured === 0) return 'down';
  return CHECK_NAMES.every((name) => checks[name].ok) ? 'ok' : 'degraded';
}

export function buildHealthReport(inputs: HealthInputs): HealthReport {
  const now = inputs.now ?? Date.now();
  const checks: Record<CheckName, HealthCheck> = {
    store: { ok: inputs.store.ok, detail: redact(inputs.store.detail) },
    scanners: scannersCheck(inputs.scanners),
    scale: optionalCheck(inputs.scales, 'scale'),
    printer: optionalCheck(inputs.printer && [inputs.printer], 'printer'),
    central: centralCheck(inputs.central, now),
    disk: diskCheck(inputs.disk),
    queue: queueCheck(inputs.central),
  };
  return { status: verdict(checks), stationId: inputs.stationId, at: new Date(now).toISOString(), checks };
}

/** HTTP status of GET /health: 503 only when the station cannot take scans. */
export function httpStatusOf(report: HealthReport): 200 | 503 {
  return report.status === 'down' ? 503 : 200;
}

/** The report as lines for `station doctor`, in the doctor's own `ok  ` / `FAIL` style. */
export function formatHealthReport(report: HealthReport): string[] {
  return [
    `health: ${report.status} (GET /health answers ${httpStatusOf(report)})`,
    ...CHECK_NAMES.map((name) => `  ${report.checks[name].ok ? 'ok  ' : 'FAIL'} ${name}: ${report.checks[name].detail}`),
  ];
}
