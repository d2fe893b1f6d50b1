import { useTranslation } from 'react-i18next';
import { useStationActions, useStationView } from '../state/context';
import { Button } from './Button';
import { DiagnosticsTable } from './DiagnosticsTable';
import { Icon } from './Icon';

/** What the scanners really sent, for a supervisor chasing a bad label or a misconfigured scanner. */
export function DiagnosticsScreen() {
  const { t } = useTranslation();
  const actions = useStationActions();
  const { scans, error } = useStationView((view) => view.diagnostics);
  return (
    <div className="page diag" data-testid="diagnostics-screen">
      <div className="diag__bar">
        <h2 className="diag__title">{t('diagnostics.title')}</h2>
        <Button icon="sync" onClick={() => void actions.refreshDiagnostics()} testId="diagnostics-refresh">{t('diagnostics.refresh')}</Button>
        <Button size="primary" tone="accent" icon="back" onClick={actions.closeDiagnostics} testId="diagnostics-back">{t('diagnostics.back')}</Button>
      </div>
      {error && <p className="diag__error" role="status" data-testid="diagnostics-error"><Icon name="warning" /> {t('diagnostics.loadFailed', { error })}</p>}
      <div className="diag__scroll">
        <DiagnosticsTable scans={scans} />
      </div>
    </div>
  );
}
