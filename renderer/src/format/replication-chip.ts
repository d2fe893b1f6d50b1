import type { ReplicationSummary } from '../api';
import type { IconName } from '../components/Icon';

/** How the header shows replication to central: an icon and words always, the tone only reinforces them. */
export interface ReplicationChipView {
  tone: 'good' | 'bad' | 'neutral';
  icon: IconName;
  words: string;
}

/**
 * "Central: not configured" / "synced" / "N waiting" / "stuck — tell a supervisor". Stuck wins over
 * everything: a queue that stopped moving is the one thing the packer must pass on.
 */
export function replicationChip(replication: ReplicationSummary): ReplicationChipView {
  if (replication.state === 'not-configured') return { tone: 'neutral', icon: 'cloud-off', words: 'Central: not configured' };
  if (replication.stuck) return { tone: 'bad', icon: 'warning', words: 'Central: stuck — tell a supervisor' };
  if (replication.queueDepth > 0) return { tone: 'neutral', icon: 'sync', words: `Central: ${replication.queueDepth} waiting` };
  return { tone: 'good', icon: 'cloud', words: 'Central: synced' };
}
