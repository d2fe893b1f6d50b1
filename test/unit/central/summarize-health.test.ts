import { notConfiguredStatus } from '../../../src/central/status';
import { summarizeReplication } from '../../../src/station-replication';

describe('summarizeReplication: central\'s sync health (issue 10)', () => {
  const base = { ...notConfiguredStatus('s1'), state: 'idle' as const, centralMark: 10, lastAckAt: 1 };

  it('leaves unprojected and quarantined out until central said', () => {
    const s = summarizeReplication(base);
    expect(s.unprojected).toBeUndefined();
    expect(s.quarantined).toBeUndefined();
  });

  it('adds up the dead letters of ingest and projection, and ages the oldest unprojected event since the read', () => {
    const now = Date.now();
    const s = summarizeReplication({ ...base, centralHealth: { unprojected: 4, oldestUnprojectedAgeMs: 1000, ingestDeadLetters: 1, projectionDeadLetters: 2, quarantine: [],
      readAt: now - 3000 } });
    expect(s.quarantined).toBe(3);
    expect(s.unprojected?.count).toBe(4);
    expect(s.unprojected?.oldestAgeMs).toBeGreaterThanOrEqual(4000);
    expect(s.unprojected?.oldestAgeMs).toBeLessThan(6000);
    const none = summarizeReplication({ ...base, centralHealth: { unprojected: 0, oldestUnprojectedAgeMs: null, ingestDeadLetters: 0, projectionDeadLetters: 0, quarantine: [],
      readAt: now } });
    expect(none).toMatchObject({ unprojected: { count: 0, oldestAgeMs: null }, quarantined: 0 });
  });
});
