import { CentralConfig } from '../../../src/central/config';
import { roleNameFor, redactUrl, stationUrl } from '../../../src/central/roles';
import { watchdog } from '../../../src/central/status';

describe('watchdog', () => {
  const now = Date.parse('2026-01-01T12:00:00Z');
  it('reports the oldest unsent age and raises "stuck" only for a non-empty queue whose mark stood still long enough', () => {
    const base = { oldestDeviceTime: '2026-01-01T11:59:00Z', stuckAfterMs: 120_000, now };
    expect(watchdog({ ...base, queueDepth: 5, lastProgressAt: now - 119_000 })).toEqual({ oldestUnsentAgeMs: 60_000, stuck: false });
    expect(watchdog({ ...base, queueDepth: 5, lastProgressAt: now - 120_000 })).toEqual({ oldestUnsentAgeMs: 60_000, stuck: true });
    expect(watchdog({ ...base, queueDepth: 0, oldestDeviceTime: null, lastProgressAt: now - 3_600_000 })).toEqual({ oldestUnsentAgeMs: null, stuck: false });
  });
});

describe('central config and roles', () => {
  it('fills defaults and refuses a non-postgres URL with a clear message', () => {
    const c = CentralConfig.parse({ url: 'postgres://h/db' });
    expect(c).toMatchObject({ pool: { max: 2 }, batch: { maxRows: 5_000 }, stuckAfterMs: 120_000 });
    const bad = CentralConfig.safeParse({ url: 'http://h' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toMatch(/postgres:\/\//);
  });

  it('derives a role name within Postgres\' 63-byte limit, unique for long ids', () => {
    expect(roleNameFor('dock-3')).toBe('station_dock-3');
    const long1 = roleNameFor('a'.repeat(63));
    const long2 = roleNameFor(`${'a'.repeat(62)}b`);
    expect(long1.length).toBeLessThanOrEqual(63);
    expect(long1).not.toBe(long2);
  });

  it('builds the station URL from the admin URL and never prints a password in a redacted URL', () => {
    const url = stationUrl('postgres://admin:secret@db:5432/central', 'station_x', 'p@ss/word');
    expect(new URL(url)).toMatchObject({ username: 'station_x', hostname: 'db', port: '5432', pathname: '/central' });
    expect(decodeURIComponent(new URL(url).password)).toBe('p@ss/word');
    expect(redactUrl(url)).not.toContain('word');
  });
});
