import type { DiagnosticScan } from '../api';
import { diagnosticRow } from '../diagnostics/diagnostic-row';
import { Icon } from './Icon';
import { VisibleText } from './VisibleText';

/** The last scans exactly as the scanner sent them (hex), as text, and as the station decoded them. Newest first. */
export function DiagnosticsTable({ scans }: { scans: readonly DiagnosticScan[] }) {
  if (scans.length === 0) return <p className="diag__empty" data-testid="diagnostics-empty">No scans yet.</p>;
  return (
    <table className="diag-table" data-testid="diagnostics-table">
      <thead>
        <tr>
          <th>Time</th><th>Device</th><th>Bytes (hex)</th><th>Text</th><th>Symbology</th><th>GS1</th><th>Class</th><th>Result</th><th>Duplicate</th>
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
                <Icon name={row.valid ? 'good' : 'bad'} /> {row.valid ? 'Valid' : `Invalid: ${row.error}`}
              </td>
              <td data-testid="diag-duplicate">{row.duplicate ? <><Icon name="warning" /> Duplicate</> : 'No'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
