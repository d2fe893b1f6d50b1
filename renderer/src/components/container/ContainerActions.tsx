import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStationActions, useStationView } from '../../state/context';
import { Button } from '../Button';
import { ReasonDialog } from '../ReasonDialog';

const VOID_REASONS = ['damaged', 'wrongType', 'duplicateLabel'] as const;
const REOPEN_REASONS = ['forgotten', 'wrongCount', 'customerRequest'] as const;

/**
 * The container buttons, touch-sized: the questions the station is waiting on (close short? move
 * this child?) first, then Undo and Close, and Void and Reopen, which ask for a reason. The station
 * decides whether each applies; a packer's move, void or reopen opens the supervisor prompt.
 */
export function ContainerActions() {
  const { t } = useTranslation();
  const actions = useStationActions();
  const slice = useStationView((view) => view.state?.slices.container ?? null);
  const [asking, setAsking] = useState<'void' | 'reopen' | null>(null);
  if (!slice) return null;
  const { current, confirmClose, pendingMove } = slice;
  return (
    <>
      {confirmClose && (
        <div className="container__question" role="alert" data-testid="container-confirm-close">
          <p>{t('container.confirmClose', { container: confirmClose.container, count: confirmClose.count, capacity: confirmClose.capacity })}</p>
          <Button size="primary" tone="accent" icon="closed" onClick={() => void actions.request('container.confirm_close', {})} testId="container-confirm">
            {t('container.confirm')}
          </Button>
          <Button size="primary" icon="back" onClick={() => void actions.request('container.cancel', {})} testId="container-keep-scanning">
            {t('container.keepScanning')}
          </Button>
        </div>
      )}
      {pendingMove && (
        <div className="container__question" role="alert" data-testid="container-pending-move">
          <p>{t('container.pendingMove', pendingMove)}</p>
          <Button size="primary" tone="accent" icon="sync" onClick={() => void actions.request('container.move', {})} testId="container-move">
            {t('container.move')}
          </Button>
          <Button size="primary" icon="back" onClick={() => void actions.request('container.cancel', {})} testId="container-cancel-move">
            {t('container.cancel')}
          </Button>
        </div>
      )}
      <div className="actions actions--containers">
        <Button size="primary" icon="undo" onClick={() => void actions.request('container.undo', {})} testId="container-undo">{t('container.undo')}</Button>
        <Button size="primary" tone="accent" icon="closed" onClick={() => void actions.request('container.close', {})} disabled={!current}
          testId="container-close">{t('container.close')}</Button>
        <Button icon="warning" onClick={() => setAsking('void')} disabled={!current} testId="container-void">{t('container.void')}</Button>
        <Button icon="sync" onClick={() => setAsking('reopen')} testId="container-reopen">{t('container.reopen')}</Button>
      </div>
      {asking && (
        <ReasonDialog
          title={t(asking === 'void' ? 'container.voidTitle' : 'container.reopenTitle', { container: current?.code ?? '' })}
          reasons={(asking === 'void' ? VOID_REASONS : REOPEN_REASONS).map((key) => ({ key, words: t(`container.reasons.${key}`) }))}
          legend={t('container.reason')} otherLabel={t('container.otherReason')} confirmLabel={t(`container.${asking}`)} cancelLabel={t('container.cancel')}
          testId={`container-${asking}`} onClose={() => setAsking(null)}
          onSubmit={(reason) => void actions.request(asking === 'void' ? 'container.void' : 'container.reopen', { reason })}
        />
      )}
    </>
  );
}
