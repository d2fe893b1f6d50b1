import type { ReplicationSummary } from '../../../renderer/src/api';
import { replicationChip } from '../../../renderer/src/format/replication-chip';

const summary = (over: Partial<ReplicationSummary>): ReplicationSummary =>
  ({ state: 'idle', queueDepth: 0, oldestUnsentAgeMs: null, lagMs: 0, stuck: false, unseenRejections: 0, ...over });

describe('replicationChip', () => {
  it('says "not configured" for a station that runs without central', () => {
    expect(replicationChip(summary({ state: 'not-configured' }))).toEqual({ tone: 'neutral', icon: 'cloud-off', words: 'Central: not configured' });
  });

  it('says "synced" when nothing is waiting', () => {
    expect(replicationChip(summary({ state: 'idle' }))).toEqual({ tone: 'good', icon: 'cloud', words: 'Central: synced' });
  });

  it('counts the events waiting and says how old the oldest is, whatever the worker is doing', () => {
    for (const state of ['replicating', 'retrying', 'error', 'starting']) {
      expect(replicationChip(summary({ state, queueDepth: 7, oldestUnsentAgeMs: 4000 })).words).toBe('Central: 7 waiting, oldest 4 s');
    }
    expect(replicationChip(summary({ queueDepth: 1, oldestUnsentAgeMs: 185_000 })).words).toBe('Central: 1 waiting, 3 min old');
    expect(replicationChip(summary({ queueDepth: 2, oldestUnsentAgeMs: 3 * 3_600_000 })).words).toBe('Central: 2 waiting, oldest 3 h');
    expect(replicationChip(summary({ queueDepth: 2, oldestUnsentAgeMs: null })).words).toBe('Central: 2 waiting');
  });

  it('never says "synced" before central has answered, even with nothing queued', () => {
    expect(replicationChip(summary({ state: 'starting', lagMs: null }))).toEqual({ tone: 'neutral', icon: 'sync', words: 'Central: not reached yet' });
  });

  it('puts "stuck" above everything, with a warning icon', () => {
    expect(replicationChip(summary({ state: 'error', queueDepth: 3, stuck: true })))
      .toEqual({ tone: 'bad', icon: 'warning', words: 'Central: stuck — tell a supervisor' });
  });

  it('never relies on colour alone: every state has an icon and words naming central', () => {
    const views = [summary({ state: 'not-configured' }), summary({}), summary({ queueDepth: 1 }), summary({ queueDepth: 1, stuck: true }), summary({ lagMs: null })].map(replicationChip);
    expect(new Set(views.map((v) => v.icon)).size).toBe(4);
    for (const view of views) expect(view.words).toMatch(/^Central: \S/);
  });
});

describe('replicationChip: central\'s side (issue 10, sync health)', () => {
  it('says how many events central has stored but not yet applied, and how old the oldest is', () => {
    expect(replicationChip(summary({ unprojected: { count: 12, oldestAgeMs: 5000 }, quarantined: 0 })))
      .toEqual({ tone: 'neutral', icon: 'sync', words: 'Central: 12 not yet applied at central, oldest 5 s' });
    expect(replicationChip(summary({ unprojected: { count: 1, oldestAgeMs: null } })).words).toBe('Central: 1 not yet applied at central');
  });

  it('says how many are quarantined, above waiting and unapplied, below stuck', () => {
    expect(replicationChip(summary({ quarantined: 2, queueDepth: 3, oldestUnsentAgeMs: 1000, unprojected: { count: 4, oldestAgeMs: 1000 } })))
      .toEqual({ tone: 'bad', icon: 'warning', words: 'Central: 2 quarantined at central — tell a supervisor' });
    expect(replicationChip(summary({ quarantined: 2, queueDepth: 3, stuck: true })).words).toBe('Central: stuck — tell a supervisor');
    // waiting comes before not yet applied
    expect(replicationChip(summary({ queueDepth: 3, oldestUnsentAgeMs: 4000, unprojected: { count: 4, oldestAgeMs: 1000 } })).words)
      .toBe('Central: 3 waiting, oldest 4 s');
  });

  it('never says "synced" while anything is unsent, unprojected or quarantined', () => {
    const cases: Array<Partial<ReplicationSummary>> = [
      { queueDepth: 1, oldestUnsentAgeMs: 10 }, { unprojected: { count: 1, oldestAgeMs: 10 } }, { quarantined: 1 },
      { unprojected: { count: 1, oldestAgeMs: null }, quarantined: 1, queueDepth: 1 },
    ];
    for (const c of cases) {
      for (const state of ['idle', 'replicating', 'retrying', 'error', 'starting']) {
        const chip = replicationChip(summary({ state, ...c }));
        expect(chip.words).not.toContain('synced');
        expect(chip.tone).not.toBe('good');
      }
    }
    expect(replicationChip(summary({ unprojected: { count: 0, oldestAgeMs: null }, quarantined: 0 })).words).toBe('Central: synced');
  });
});
