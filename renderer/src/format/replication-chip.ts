import type { ReplicationSummary } from '../api';
import type { IconName } from '../components/Icon';
import { translate as t } from '../i18n';

/** How the header shows replication to central: an icon and words always, the tone only reinforces them. */
export interface ReplicationChipView {
  tone: 'good' | 'bad' | 'neutral';
  icon: IconName;
  words: string;
}

/**
 * "Central: not configured" / "synced" / "N waiting, oldest 40 s" / "not reached yet" / "stuck — tell a
 * supervisor" / "N quarantined at central — tell a supervisor" / "N not yet applied at central, oldest 5 s".
 * In this order: stuck (a queue that stopped moving), quarantined (dead letters only a supervisor can
 * retry or skip), waiting (unsent), not yet applied (stored, not yet projected), not reached, synced.
 * "Synced" only when nothing is unsent, unprojected or quarantined and central has answered. In the kiosk's
 * current language (a component showing it must `useTranslation()` to re-render when that changes).
 */
export function replicationChip(replication: ReplicationSummary): ReplicationChipView {
  if (replication.state === 'not-configured') return { tone: 'neutral', icon: 'cloud-off', words: t('replication.notConfigured') };
  if (replication.stuck) return { tone: 'bad', icon: 'warning', words: t('replication.stuck') };
  const quarantined = replication.quarantined ?? 0;
  if (quarantined > 0) return { tone: 'bad', icon: 'warning', words: t('replication.quarantined', { count: quarantined }) };
  if (replication.queueDepth > 0) {
    const age = replication.oldestUnsentAgeMs;
    return age === null
      ? { tone: 'neutral', icon: 'sync', words: t('replication.waiting', { count: replication.queueDepth }) }
      : { tone: 'neutral', icon: 'sync', words: t('replication.waitingFor', { count: replication.queueDepth, age: ageWords(age) }) };
  }
  const unprojected = replication.unprojected;
  if (unprojected && unprojected.count > 0) {
    return unprojected.oldestAgeMs === null
      ? { tone: 'neutral', icon: 'sync', words: t('replication.unprojected', { count: unprojected.count }) }
      : { tone: 'neutral', icon: 'sync', words: t('replication.unprojectedFor', { count: unprojected.count, age: ageWords(unprojected.oldestAgeMs) }) };
  }
  // Nothing queued, but central has never answered: not "synced" (it may not even hold the older events).
  if (replication.lagMs === null) return { tone: 'neutral', icon: 'sync', words: t('replication.notReached') };
  return { tone: 'good', icon: 'cloud', words: t('replication.synced') };
}

/** "40 s", "3 min", "2 h": how old the oldest unsent event is. */
export function ageWords(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 120) return t('replication.age.seconds', { n: s });
  const min = Math.round(s / 60);
  if (min < 120) return t('replication.age.minutes', { n: min });
  return t('replication.age.hours', { n: Math.round(min / 60) });
}
