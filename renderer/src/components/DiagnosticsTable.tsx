import { useTranslation } from 'react-i18next';
import type { DiagnosticScan } from '../api';
import { diagnosticRow } from '../diagnostics/diagnostic-row';
import { Icon } from './Icon';
import { VisibleText } from './VisibleText';

/** The last scans exactly as the scanner sent them (hex), as text, and as the station decoded them. Newest first. */
export function DiagnosticsTable({ scans }: { scans: readonly DiagnosticScan[] }) {
  const { t } = useTranslation();
  if (scans.length === 0) return <p className="diag__empty" data-testid="diagnostics-empty">{t('diagnostics.empty')}</p>;
  return (
    <table className="diag-table" data-testid="diagnostics-table">
      <thead>
        <tr>
          <th>{t('diagnostics.time')}</th><th>{t('diagnostics.device')}</th><th>{t('diagnostics.hex')}</th><th>{t('diagnostics.text')}</th>
          <th>{t('diagnostics.symbology')}</th><th>{t('diagnostics.gs1')}</th><th>{t('diagnostics.class')}</th><th>{t('diagnostics.result')}</th>
          <th>{t('diagnostics.duplicate')}</th>
        </tr>
      </thead>
      <tbody>
        {scans.map((scan, index) => {
          const row = diagnosticRow(scan);
          return (
            // The station keeps no id per decoded scan; time + device + position is unique within one answer.
            <tr key={`${scan.at}-${scan.deviceId}-${index}`} data-testid="diagnostics-row" data-valid={row.valid}>
              <td className="diag__time">{row.time}</td>
              <td>{row.device}</td>
              <td className="diag__mono diag__hex" data-testid="diag-hex">{row.hex}</td>
              <td className="diag__mono diag__text" data-testid="diag-text"><VisibleText text={row.text} /></td>
              <td><span className="diag__mono">{row.aim}</span><br />{row.symbology}</td>
              <td className="diag__mono" data-testid="diag-gs1">
                {row.gs1.length === 0 ? '—' : row.gs1.map(({ ai, value }, i) => <div key={i}>({ai}) <VisibleText text={value} /></div>)}
              </td>
              <td>{row.codeClass}</td>
              <td className={row.valid ? 'diag__valid' : 'diag__invalid'} data-testid="diag-result">
                <Icon name={row.valid ? 'good' : 'bad'} /> {row.valid ? t('diagnostics.valid') : t('diagnostics.invalid', { error: row.error })}
              </td>
              <td data-testid="diag-duplicate">{row.duplicate ? <><Icon name="warning" /> {t('diagnostics.isDuplicate')}</> : t('diagnostics.notDuplicate')}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
