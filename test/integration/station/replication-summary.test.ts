import { notConfiguredStatus, type ReplicationStatus } from '../../../src/central/status';
import { ReplicationWatch, summarizeReplication } from '../../../src/station-replication';

const base: ReplicationStatus = { ...notConfiguredStatus('pack-07'), state: 'idle', centralMark: 10, lastAckAt: 1 };

describe('summarizeReplication', () => {
  test('not configured says so, with no lag', () => {
    expect(summarizeReplication(notConfiguredStatus('pack-07'))).toEqual({
      state: 'not-configured', queueDepth: 0, oldestUnsentAgeMs: null, lagMs: null, stuck: false, unseenRejections: 0, detail: 'no central database configured: the station works offline',
    });
  });

  test('caught up: lag 0', () => {
    expect(summarizeReplication(base)).toEqual({ state: 'idle', queueDepth: 0, oldestUnsentAgeMs: null, lagMs: 0, stuck: false, unseenRejections: 0 });
  });

  test('behind: the lag is the oldest unsent event\'s age; the error is the detail', () => {
    const status: ReplicationStatus = { ...base, state: 'retrying', queueDepth: 4, oldestUnsentAgeMs: 9000, lagEvents: 4, stuck: true, lastError: { code: '08006', message: 'central unreachable', at: 2 } };
    expect(summarizeReplication(status)).toEqual({ state: 'retrying', queueDepth: 4, oldestUnsentAgeMs: 9000, lagMs: 9000, stuck: true, unseenRejections: 0, detail: 'central unreachable' });
  });

  test('the unseen rejections are passed on, and a change of them alone is pushed', () => {
    expect(summarizeReplication({ ...base, unseenRejections: 3 })).toMatchObject({ state: 'idle', unseenRejections: 3 });
    let status: ReplicationStatus = { ...base, unseenRejections: 1 };
    let changes = 0;
    const watch = new ReplicationWatch(() => summarizeReplication(status), () => { changes += 1; }, () => undefined);
    expect(watch.poll()).toBe(true);
    expect(watch.poll()).toBe(false);
    status = { ...status, unseenRejections: 0 };
    expect(watch.poll()).toBe(true);
    expect(changes).toBe(2);
  });

  test('central never reached: lag unknown (null), the backlog in words', () => {
    const status: ReplicationStatus = { ...base, state: 'starting', centralMark: null, lastAckAt: null, queueDepth: 2, oldestUnsentAgeMs: 50, lagEvents: 2 };
    expect(summarizeReplication(status)).toMatchObject({ lagMs: null, detail: '2 events not yet at central' });
  });
});
