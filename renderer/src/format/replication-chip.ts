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
 * "Central: not configured" / "synced" / "N waiting" / "stuck — tell a supervisor". Stuck wins over
 * everything: a queue that stopped moving is the one thing the packer must pass on. In the kiosk's
 * current language (a component showing it must `useTranslation()` to re-render when that changes).
 */
export function replicationChip(replication: ReplicationSummary): ReplicationChipView {
  if (replication.state === 'not-configured') return { tone: 'neutral', icon: 'cloud-off', words: t('replication.notConfigured') };
  if (replication.stuck) return { tone: 'bad', icon: 'warning', words: t('replication.stuck') };
  if (replication.queueDepth > 0) return { tone: 'neutral', icon: 'sync', words: t('replication.waiting', { count: replication.queueDepth }) };
  return { tone: 'good', icon: 'cloud', words: t('replication.synced') };
}
