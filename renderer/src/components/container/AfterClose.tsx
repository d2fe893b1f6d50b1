import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestName, RequestPayload } from '../../api';
import { useStationActions, useStationView } from '../../state/context';
import { Button } from '../Button';
import { ReasonDialog } from '../ReasonDialog';
import { LabelPreview } from './LabelPreview';

const ACCEPT_REASONS = ['checked', 'denseGoods', 'scaleOff'] as const;
const REPRINT_REASONS = ['damaged', 'notReadable', 'lost'] as const;

const grams = (g: number | null) => (g === null ? '—' : `${Math.round(g).toLocaleString()} g`);

/**
 * What happens after a container closed: its weighing (on the scale now, in tolerance, or out of it
 * with Accept for a supervisor and Weigh again) and its label (printed, waiting for the printer, or
 * unknown with "it printed" / "it did not print"; Reprint with a reason). Absent where neither a
 * scale nor labels are configured.
 */
export function AfterClose() {
  const { t } = useTranslation();
  const actions = useStationActions();
  const weigh = useStationView((view) => view.state?.slices.weigh ?? null);
  const label = useStationView((view) => view.state?.slices.label ?? null);
  const [asking, setAsking] = useState<{ kind: 'accept' | 'reprint'; container: string } | null>(null);
  if (!weigh && !label) return null;
  const send = <N extends RequestName>(name: N, payload: RequestPayload<N>) => void actions.request(name, payload);
  const last = weigh?.last ?? null;
  const job = label?.last ?? null;
  const unknown = label?.unknown ?? [];
  return (
    <section className="after-close" aria-label={t('afterClose.label')} data-testid="after-close">
      {weigh?.weighing && <p className="after-close__line" data-testid="weighing-now">{t('afterClose.weighing', { container: weigh.weighing })}</p>}
      {weigh && (weigh.canZero || weigh.canTare) && !last && (
        <div className="after-close__line" data-testid="scale-buttons">
          <p>{t('afterClose.scale', { scale: weigh.scaleId })}</p>
          <ScaleButtons canZero={weigh.canZero} canTare={weigh.canTare} send={send} />
        </div>
      )}
      {last && (
        <div className={`after-close__line after-close__line--${last.status}`} data-testid="weighing" data-status={last.status} data-verdict={last.verdict ?? ''}>
          <p>{last.status === 'failed'
            ? t('afterClose.weighFailed', { container: last.container, detail: last.failure?.detail ?? '' })
            : t(`afterClose.verdict.${last.verdict ?? 'within'}`, { container: last.container, grams: grams(last.grams), expected: grams(last.expectedGrams),
              tolerance: grams(last.toleranceGrams), max: grams(last.maxWeightG) })}</p>
          {last.status !== 'accepted' && (
            <>
              {last.status === 'needs-supervisor' && (
                <Button tone="accent" icon="good" onClick={() => setAsking({ kind: 'accept', container: last.container })} testId="weigh-accept">{t('afterClose.accept')}</Button>
              )}
              <Button icon="sync" onClick={() => send('weigh.retry', { container: last.container })} testId="weigh-retry">{t('afterClose.weighAgain')}</Button>
            </>
          )}
          <ScaleButtons canZero={weigh?.canZero ?? false} canTare={weigh?.canTare ?? false} send={send} />
        </div>
      )}
      {job && (
        <div className={`after-close__line after-close__line--${job.status}`} data-testid="label-job" data-status={job.status}>
          <LabelPreview code={job.container} />
          <p>{t(`afterClose.job.${job.status}`, { container: job.container, reason: job.reason ?? '', printer: label?.printer.detail ?? '' })}</p>
          <Button icon="sync" onClick={() => setAsking({ kind: 'reprint', container: job.container })} testId="label-reprint">{t('afterClose.reprint')}</Button>
        </div>
      )}
      {unknown.map((u) => (
        <div key={u.jobId} className="after-close__line after-close__line--unknown" role="alert" data-testid="label-unknown" data-job={u.jobId}>
          <p>{t('afterClose.didItPrint', { container: u.container, job: u.jobId.slice(-8) })}</p>
          <Button tone="accent" icon="good" onClick={() => send('label.confirm_printed', { jobId: u.jobId })} testId="label-printed">{t('afterClose.printed')}</Button>
          <Button icon="warning" onClick={() => send('label.confirm_not_printed', { jobId: u.jobId })} testId="label-not-printed">{t('afterClose.notPrinted')}</Button>
        </div>
      ))}
      {asking && (
        <ReasonDialog
          title={t(asking.kind === 'accept' ? 'afterClose.acceptTitle' : 'afterClose.reprintTitle', { container: asking.container })}
          reasons={(asking.kind === 'accept' ? ACCEPT_REASONS : REPRINT_REASONS).map((key) => ({ key, words: t(`afterClose.reasons.${key}`) }))}
          legend={t('container.reason')} otherLabel={t('container.otherReason')} confirmLabel={t(asking.kind === 'accept' ? 'afterClose.accept' : 'afterClose.reprint')}
          cancelLabel={t('container.cancel')} testId={asking.kind === 'accept' ? 'weigh-accept' : 'label-reprint'} onClose={() => setAsking(null)}
          onSubmit={(reason) => (asking.kind === 'accept'
            ? send('weigh.accept', { container: asking.container, reason })
            : send('label.reprint', { container: asking.container, reason }))}
        />
      )}
    </section>
  );
}

/** Zero and Tare, where the scale's protocol has them: with the pan empty (zero) or the empty container on it (tare). */
function ScaleButtons({ canZero, canTare, send }: { canZero: boolean; canTare: boolean; send: <N extends RequestName>(name: N, payload: RequestPayload<N>) => void }) {
  const { t } = useTranslation();
  return (
    <>
      {canZero && <Button icon="sync" onClick={() => send('weigh.zero', {})} testId="scale-zero">{t('afterClose.zero')}</Button>}
      {canTare && <Button icon="sync" onClick={() => send('weigh.tare', {})} testId="scale-tare">{t('afterClose.tare')}</Button>}
    </>
  );
}
