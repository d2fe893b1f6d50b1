import { useTranslation } from 'react-i18next';
import { useStationActions, useStationView } from '../state/context';
import { Button } from './Button';
import { Icon } from './Icon';

/**
 * An error the packer has not acknowledged. It comes from the station's state, so it survives a
 * reload, and it stays until "OK, understood" is pressed. Newest first, as the station lists them.
 * The OK button is deliberately not focused: a scanner's trailing Enter must not dismiss it.
 */
export function ErrorDialog() {
  const { t } = useTranslation();
  const actions = useStationActions();
  const errors = useStationView((view) => view.state?.pendingErrors);
  const error = errors?.[0];
  if (!error) return null;

  return (
    <div className="overlay">
      <div className="error-dialog" role="alertdialog" aria-modal="true" aria-labelledby="error-title" aria-describedby="error-message" data-testid="error-dialog">
        <h2 id="error-title" className="error-dialog__title"><Icon name="warning" /> {t('errors.title')}</h2>
        <p id="error-message" className="error-dialog__message" data-testid="error-message">{error.message}</p>
        {error.code && <p className="error-dialog__code">{t('errors.codeScanned')} <strong>{error.code}</strong></p>}
        {errors.length > 1 && <p className="error-dialog__more">{t('errors.more', { count: errors.length - 1 })}</p>}
        <Button size="primary" tone="danger" icon="good" onClick={() => void actions.ackError(error.id)} testId="error-ack">
          {t('errors.ok')}
        </Button>
      </div>
    </div>
  );
}
