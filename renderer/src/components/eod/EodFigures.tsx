import { useTranslation } from 'react-i18next';
import { kg } from '../../../../src/scale/kg';
import type { EodAnswer } from '../../state/eod-controller';

/** One figure, big enough to read at arm's length. */
function Tile({ label, value, note, testId, warn }: { label: string; value: string | number; note?: string; testId: string; warn?: boolean }) {
  return (
    <p className={`eod__tile${warn ? ' eod__tile--warn' : ''}`}>
      <span className="eod__label">{label}</span>
      <span className="eod__figure" data-testid={testId}>{value}</span>
      {note && <span className="eod__note">{note}</span>}
    </p>
  );
}

/** The summary's figures: containers and weight, the exceptions' counts, bills, manifests, and what is carried over. */
export function EodFigures({ summary: s }: { summary: EodAnswer }) {
  const { t } = useTranslation();
  const c = s.containers;
  const dash = '—';
  return (
    <div className="eod__tiles" data-testid="eod-figures">
      <Tile label={t('eod.containers')} value={c.closed} note={c.byType.map((b) => `${b.type} ${b.closed}`).join(' · ')} testId="eod-containers" />
      <Tile label={t('eod.children')} value={c.children} testId="eod-children" />
      <Tile label={t('eod.perContainer')} value={c.averageChildren === null ? dash : c.averageChildren.toFixed(1)} testId="eod-average" />
      <Tile label={t('eod.totalWeight')} value={c.weighed === 0 ? dash : kg(c.totalGrams)} note={t('eod.weighed', { count: c.weighed })} testId="eod-total-weight" />
      <Tile label={t('eod.averageWeight')} value={c.averageGrams === null ? dash : kg(c.averageGrams)} testId="eod-average-weight" />
      <Tile label={t('eod.refused')} value={s.refused.count} warn={s.refused.count > 0} testId="eod-refused" />
      <Tile label={t('eod.outOfTolerance')} value={s.outOfTolerance.count} warn={s.outOfTolerance.count > 0} testId="eod-out-of-tolerance" />
      <Tile label={t('eod.overrides')} value={s.overrides.count} warn={s.overrides.count > 0} testId="eod-overrides" />
      <Tile label={t('eod.voids')} value={s.voids.count} warn={s.voids.count > 0} testId="eod-voids" />
      <Tile label={t('eod.bills')} value={s.bills.dispatched} note={t('eod.billsLine', s.bills)} testId="eod-bills" />
      <Tile label={t('eod.manifests')} value={s.manifests.completed} note={t('eod.manifestsLine', s.manifests)} testId="eod-manifests" />
      <Tile label={t('eod.carriedOver')} value={s.openContainers.length} warn={s.openContainers.length > 0}
        note={s.openContainers.map((o) => o.container).join(', ') || t('eod.none')} testId="eod-carried-over" />
    </div>
  );
}
