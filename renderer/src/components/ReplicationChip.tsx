import { useTranslation } from 'react-i18next';
import { replicationChip } from '../format/replication-chip';
import { useStationView } from '../state/context';
import { Icon } from './Icon';

/** Replication to central, next to the scanner chips. Absent when the station has no replication attached. */
export function ReplicationChip() {
  useTranslation(); // the chip's words follow the kiosk's language
  const replication = useStationView((view) => view.state?.replication);
  if (!replication) return null;
  const chip = replicationChip(replication);
  return (
    <p className={`chip chip--${chip.tone}`} role="status" data-testid="replication-status" title={replication.detail}>
      <Icon name={chip.icon} />
      <span>{chip.words}</span>
    </p>
  );
}
