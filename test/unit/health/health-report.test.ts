import { DeviceHealth, queries } from '../../../src/api';
import { notConfiguredStatus, type ReplicationStatus } from '../../../src/central/status';
import { DeviceHealthBook } from '../../../src/device-health';
import { buildHealthReport, formatHealthReport, httpStatusOf, redact, type HealthInputs } from '../../../src/health-report';

const MiB = 1024 * 1024;
const NOW = Date.parse('2030-01-02T03:04:05.000Z');

function replication(over: Partial<ReplicationStatus> = {}): ReplicationStatus {
  return { ...notConfiguredStatus('pack-07'), state: 'idle', centralMark: 42, lastAckAt: NOW - 3_000, updatedAt: NOW, ...over };
}

function inputs(over: Partial<HealthInputs> = {}): HealthInputs {
  return {
    stationId: 'pack-07',
    store: { ok: true, detail: 'last commit 1 s ago; /data is writable' },
    scanners: [{ deviceId: 's1', ok: true, detail: 'connected: /dev/ttyACM0' }],
    scales: null,
    printer: null,
    central: { configured: false, status: notConfiguredStatus('pack-07') },
    disk: { dir: '/data', freeBytes: 10_000 * MiB, minFreeBytes: 200 * MiB },
    now: NOW,
    ...over,
  };
}

describe('buildHealthReport', () => {
  test('all fine: ok, 200, every check present, absent devices "not configured"', () => {
    const report = buildHealthReport(inputs());
    expect(report.status).toBe('ok');
    expect(httpStatusOf(report)).toBe(200);
    expect(Object.keys(report.checks)).toEqual(['store', 'scanners', 'scale', 'printer', 'central', 'disk', 'queue']);
    expect(report.checks.scale).toEqual({ ok: true, detail: 'not configured' });
    expect(report.checks.printer).toEqual({ ok: true, detail: 'not configured' });
    expect(report.checks.central).toMatchObject({ ok: true, detail: expect.stringContaining('not configured') });
    expect(report.checks.disk).toMatchObject({ ok: true, freeBytes: 10_000 * MiB, minFreeBytes: 200 * MiB });
    expect(report.at).toBe('2030-01-02T03:04:05.000Z');
  });

  test('no scanner works: down, 503', () => {
    const report = buildHealthReport(inputs({ scanners: [{ deviceId: 's1', ok: false, detail: 'disconnected: /dev/ttyACM0 is gone' }] }));
    expect(report.status).toBe('down');
    expect(httpStatusOf(report)).toBe(503);
    expect(report.checks.scanners).toMatchObject({ ok: false, working: 0, configured: 1, detail: 'no scanner works: s1: disconnected: /dev/ttyACM0 is gone' });
  });

  test('one scanner of two missing: degraded, 200', () => {
    const report = buildHealthReport(inputs({ scanners: [{ deviceId: 's1', ok: true, detail: 'connected' }, { deviceId: 's2', ok: false, detail: 'disconnected' }] }));
    expect(report.status).toBe('degraded');
    expect(httpStatusOf(report)).toBe(200);
    expect(report.checks.scanners.detail).toBe('1 of 2 scanners work; s2: disconnected');
  });

  test('the store or the disk failing is down', () => {
    expect(buildHealthReport(inputs({ store: { ok: false, detail: 'the last commit failed: disk full' } })).status).toBe('down');
    const low = buildHealthReport(inputs({ disk: { dir: '/data', freeBytes: 100 * MiB, minFreeBytes: 200 * MiB } }));
    expect(low.status).toBe('down');
    expect(low.checks.disk.detail).toBe('only 100 MiB free on /data; need at least 200 MiB');
    expect(buildHealthReport(inputs({ disk: { dir: '/data', freeBytes: null, error: 'EACCES', minFreeBytes: 0 } })).checks.disk).toMatchObject({ ok: false, detail: expect.stringContaining('EACCES') });
  });

  test('scale, printer, central and a stuck queue only degrade', () => {
    const report = buildHealthReport(inputs({
      scales: [{ deviceId: 'scale-1', ok: false, detail: 'no-reply: no answer within 500 ms' }],
      printer: { deviceId: 'printer', ok: false, detail: 'not-ready: paper out' },
      central: { configured: true, status: replication({ state: 'retrying', stuck: true, queueDepth: 7, oldestUnsentAgeMs: 300_000, lastError: { code: 'NET', message: 'connect ECONNREFUSED 127.0.0.1:1', at: NOW } }) },
    }));
    expect(report.status).toBe('degraded');
    expect(report.checks.scale).toMatchObject({ ok: false, detail: 'scale-1: no-reply: no answer within 500 ms' });
    expect(report.checks.printer).toMatchObject({ ok: false, detail: 'printer: not-ready: paper out' });
    expect(report.checks.central).toMatchObject({ ok: false, state: 'retrying', detail: expect.stringContaining('connect ECONNREFUSED 127.0.0.1:1') });
    expect(report.checks.queue).toMatchObject({ ok: false, depth: 7, oldestUnsentAgeMs: 300_000, stuck: true, detail: "stuck: 7 events waiting, oldest 5 min, central's mark has not moved" });
  });

  test('central quarantine degrades; a caught-up central is ok', () => {
    const health = { unprojected: 0, oldestUnprojectedAgeMs: null, ingestDeadLetters: 1, projectionDeadLetters: 1, quarantine: [], readAt: NOW };
    expect(buildHealthReport(inputs({ central: { configured: true, status: replication({ centralHealth: health }) } })).checks.central)
      .toMatchObject({ ok: false, quarantined: 2 });
    expect(buildHealthReport(inputs({ central: { configured: true, status: replication() } })).checks.central)
      .toMatchObject({ ok: true, detail: 'idle: last answer 3 s ago, central mark 42', centralMark: 42, lastAckAt: new Date(NOW - 3_000).toISOString() });
  });

  test('no password leaves the report', () => {
    const message = 'cannot connect to postgres://station:s3cret@db.example:5432/central (password=s3cret)';
    const report = buildHealthReport(inputs({ central: { configured: true, status: replication({ state: 'error', lastError: { code: 'AUTH', message, at: NOW } }) } }));
    expect(JSON.stringify(report)).not.toContain('s3cret');
    expect(redact(message)).toBe('cannot connect to postgres://***@db.example:5432/central (password=***)');
  });

  test('the doctor lines carry the same verdicts', () => {
    const lines = formatHealthReport(buildHealthReport(inputs({ printer: { deviceId: 'printer', ok: false, detail: 'paper out' } })));
    expect(lines[0]).toBe('health: degraded (GET /health answers 200)');
    expect(lines).toContain('  FAIL printer: printer: paper out');
    expect(lines).toContain('  ok   scale: not configured');
  });
});

describe('DeviceHealthBook', () => {
  test('counts problems and reconnects on transitions, keeps the latest problem in words', () => {
    let now = NOW;
    const book = new DeviceHealthBook(() => now);
    book.note({ deviceId: 's1', kind: 'serial', status: 'disconnected', detail: 'starting' });
    expect(book.list()[0]).toMatchObject({ ok: false, errors: 0, reconnects: 0, lastProblem: null });
    now += 1_000;
    book.note({ deviceId: 's1', kind: 'serial', status: 'connected', detail: '/dev/ttyACM0' });
    expect(book.list()[0]).toMatchObject({ ok: true, errors: 0, reconnects: 0 });
    now += 1_000;
    book.note({ deviceId: 's1', kind: 'serial', status: 'disconnected', detail: 'unplugged' });
    book.note({ deviceId: 's1', kind: 'serial', status: 'disconnected', detail: 'still unplugged' });
    now += 1_000;
    book.note({ deviceId: 's1', kind: 'serial', status: 'connected', detail: '/dev/ttyACM0' });
    book.event('s1', '2031-01-01T00:00:00.000Z');
    book.event('nobody', '2031-01-01T00:00:00.000Z');
    const [s1] = book.list();
    expect(s1).toEqual({
      deviceId: 's1', kind: 'serial', status: 'connected', detail: '/dev/ttyACM0', ok: true,
      since: new Date(NOW + 3_000).toISOString(), lastEventAt: '2031-01-01T00:00:00.000Z', errors: 1, reconnects: 1,
      lastProblem: { at: new Date(NOW + 2_000).toISOString(), status: 'disconnected', message: 'disconnected: still unplugged' },
    });
    expect(book.list()).toHaveLength(1);
    expect(() => DeviceHealth.array().parse(book.list())).not.toThrow();
  });

  test('a scale reading outside its range is not a fault', () => {
    const book = new DeviceHealthBook(() => NOW);
    book.note({ deviceId: 'scale-1', kind: 'scale', status: 'connected' });
    book.note({ deviceId: 'scale-1', kind: 'scale', status: 'unstable' });
    book.note({ deviceId: 'scale-1', kind: 'scale', status: 'overload' });
    expect(book.list()[0]).toMatchObject({ ok: true, errors: 0, lastProblem: null });
    book.note({ deviceId: 'scale-1', kind: 'scale', status: 'no-reply', detail: 'no answer' });
    expect(book.list()[0]).toMatchObject({ ok: false, errors: 1, lastProblem: { status: 'no-reply', message: 'no-reply: no answer' } });
  });

  test('the query needs dashboard.view', () => {
    expect(queries['station.device_health'].permission).toBe('dashboard.view');
  });
});
