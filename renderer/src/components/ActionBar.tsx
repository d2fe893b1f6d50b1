import { useTranslation } from 'react-i18next';
import { useStationActions, useStationView } from '../state/context';
import { Button } from './Button';

/** The two everyday buttons. The station decides whether they apply and says why if not. */
export function ActionBar() {
  const { t } = useTranslation();
  const actions = useStationActions();
  const hasOpenBag = useStationView((view) => Boolean(view.state?.slices.bag.openParent));
  return (
    <div className="actions">
      <Button size="primary" icon="undo" onClick={() => void actions.undoLast()} testId="undo-last">{t('actions.undoLast')}</Button>
      <Button size="primary" tone="accent" icon="closed" onClick={() => void actions.closeBag()} disabled={!hasOpenBag} testId="close-bag">
        {t('actions.closeBag')}
      </Button>
    </div>
  );
}
