import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StationState } from '../../api';
import { useStationActions } from '../../state/context';
import { Button } from '../Button';
import { Icon } from '../Icon';
import { ReasonDialog } from '../ReasonDialog';
import { useManifestView } from './manifest-context';
import { ManifestLines } from './ManifestLines';

export type InHand = NonNullable<NonNullable<StationState['slices']['manifest']>['current']>;

const SHORT_REASONS = ['outOfStock', 'damaged', 'customerRequest'] as const;

/** How the manifest stands: still verifying, complete (posted at central, or refused there), or closed short. */
function Outcome({ m }: { m: InHand }) {
  const { t } = useTranslation();
  const rejection = useManifestView((view) => (view.rejection?.manifest === m.manifest ? view.rejection : null));
  if (rejection) {
    return (
      <p className="manifest__outcome manifest__outcome--bad" role="alert" data-testid="manifest-rejected" data-reason={rejection.reason}>
        <Icon name="warning" /> {t('manifest.rejected', { detail: rejection.detail })}
      </p>
    );
  }
  if (m.status === 'completed') return <p className="manifest__outcome manifest__outcome--good" data-testid="manifest-complete"><Icon name="good" /> {t('manifest.complete')}</p>;
  if (m.status === 'closed-short') return <p className="manifest__outcome" data-testid="manifest-closed-short"><Icon name="closed" /> {t('manifest.closedShort')}</p>;
  return null;
}

function Weight({ weight }: { weight: NonNullable<InHand['weight']> }) {
  const { t } = useTranslation();
  const verdict = weight.within === null ? t('manifest.weightPending') : weight.within ? t('manifest.weightWithin') : t('manifest.weightOutside');
  return (
    <p className={`manifest__weight${weight.within === false ? ' manifest__weight--bad' : ''}`} data-testid="manifest-weight" data-within={String(weight.within)}>
      <Icon name={weight.within === null ? 'clock' : weight.within ? 'good' : 'warning'} />
      {' '}{t('manifest.weightExpected', { grams: weight.expectedGrams })}
      {weight.grams !== null && ` · ${t('manifest.weightMeasured', { grams: weight.grams })}`} · {verdict}
    </p>
  );
}

/**
 * The manifest in hand: what it is, how far it is (scanned of expected), its lines with their
 * progress, the weight check where there is one, and Put down / Close short. Closing short asks
 * why; a packer's close opens the supervisor prompt (the core decides that).
 */
export function ManifestInHand({ m }: { m: InHand }) {
  const { t } = useTranslation();
  const actions = useStationActions();
  const [asking, setAsking] = useState(false);
  const open = m.status === 'open' || m.status === 'verifying';
  return (
    <section className="manifest__hand" data-testid="manifest-current" data-manifest={m.manifest} data-status={m.status}>
      <div className="manifest__head">
        <div className="manifest__title">
          <p className="manifest__ref" data-testid="manifest-reference">{m.reference}</p>
          <p className="manifest__muted" data-testid="manifest-warehouse">
            {t('manifest.warehouse', { warehouse: m.warehouse })} · {t(m.direction === 'out' ? 'manifest.out' : 'manifest.in')}
          </p>
        </div>
        <p className="manifest__count" data-testid="manifest-progress" aria-label={t('manifest.progressLabel', { scanned: m.scanned, expected: m.expected })}>
          {m.scanned} / {m.expected}
        </p>
        <div className="manifest__actions">
          <Button size="primary" icon="back" onClick={() => void actions.request('manifest.put_down', {})} testId="manifest-put-down">{t('manifest.putDown')}</Button>
          {open && <Button size="primary" icon="warning" onClick={() => setAsking(true)} testId="manifest-close-short">{t('manifest.closeShort')}</Button>}
        </div>
      </div>
      <progress className="bag__fill" max={Math.max(m.expected, 1)} value={m.scanned} aria-hidden="true" />
      <Outcome m={m} />
      {m.weight && <Weight weight={m.weight} />}
      <ManifestLines lines={m.lines} />
      {asking && (
        <ReasonDialog
          title={t('manifest.closeShortTitle', { manifest: m.manifest, missing: m.expected - m.scanned })}
          reasons={SHORT_REASONS.map((key) => ({ key, words: t(`manifest.reasons.${key}`) }))}
          legend={t('manifest.reason')} otherLabel={t('manifest.otherReason')} confirmLabel={t('manifest.closeShort')} cancelLabel={t('manifest.cancel')}
          testId="manifest-short" onClose={() => setAsking(false)}
          onSubmit={(reason) => void actions.request('manifest.close_short', { manifest: m.manifest, reason })}
        />
      )}
    </section>
  );
}
