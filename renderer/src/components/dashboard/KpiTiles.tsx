import { useTranslation } from 'react-i18next';
import { ageWords } from '../../format/replication-chip';
import type { Shown } from './figures';
import { percent } from './figures';

/** The figures a supervisor reads at a glance, each a large number with its words. */
export function KpiTiles({ shown, now }: { shown: Shown; now: number }) {
  const { t } = useTranslation();
  const { totals, now: open } = shown;
  const oldest = open.oldestOpenedAt ? ageWords(now - Date.parse(open.oldestOpenedAt)) : null;
  const tiles: Array<{ id: string; value: string; label: string; note?: string }> = [
    { id: 'scans-hour', value: String(shown.scansThisHour), label: t('dashboard.tiles.scansHour'), note: t('dashboard.tiles.scansWindow', { count: totals.scans }) },
    { id: 'closed', value: String(totals.containersClosed), label: t('dashboard.tiles.closed') },
    { id: 'errors', value: percent(totals.errorRate), label: t('dashboard.tiles.errors'), note: t('dashboard.tiles.refused', { count: totals.refused }) },
    { id: 'overrides', value: String(totals.overrides), label: t('dashboard.tiles.overrides'), note: percent(totals.overrideRate) },
    { id: 'voids', value: String(totals.voids), label: t('dashboard.tiles.voids'), note: percent(totals.voidRate) },
    { id: 'open', value: String(open.count), label: t('dashboard.tiles.open'), note: oldest ? t('dashboard.tiles.oldest', { age: oldest }) : undefined },
    { id: 'unbilled', value: String(open.unbilled), label: t('dashboard.tiles.unbilled') },
  ];
  return (
    <div className="dash-tiles">
      {tiles.map((tile) => (
        <div key={tile.id} className="dash-tile" data-testid={`tile-${tile.id}`}>
          <div className="dash-tile__value" data-testid={`tile-${tile.id}-value`}>{tile.value}</div>
          <div className="dash-tile__label">{tile.label}</div>
          {tile.note && <div className="dash-tile__note">{tile.note}</div>}
        </div>
      ))}
    </div>
  );
}
