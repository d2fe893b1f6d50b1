import { useTranslation } from 'react-i18next';
import type { BillLine } from '../../../../src/workflows/bill/contract';
import { kg } from '../../../../src/scale/kg';
import { Button } from '../Button';

/** The containers on the bill, in the order scanned: code, type, children, weight (an estimate says so). */
export function BillLines({ lines, onRemove }: { lines: readonly BillLine[]; onRemove: ((container: string) => void) | null }) {
  const { t } = useTranslation();
  if (lines.length === 0) return <p className="bills__empty" data-testid="bill-lines-empty">{t('bill.noLines')}</p>;
  return (
    <div className="bills__scroll">
      <table className="bills-table" data-testid="bill-lines">
        <thead>
          <tr>
            <th>{t('bill.col.container')}</th><th>{t('bill.col.type')}</th><th>{t('bill.col.children')}</th><th>{t('bill.col.weight')}</th>
            {onRemove && <th><span className="bills__hidden">{t('bill.remove')}</span></th>}
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => {
            const estimated = line.grams === null;
            return (
              <tr key={line.container} data-testid="bill-line" data-container={line.container} data-estimated={estimated}>
                <td className="bills__code">{line.container}</td>
                <td>{line.type}</td>
                <td className="bills__num">{line.children}</td>
                <td className="bills__num" data-testid="bill-line-weight">
                  {kg(line.grams ?? line.estimatedGrams ?? 0)}
                  {estimated && <span className="bills__estimated"> {t('bill.estimated')}</span>}
                </td>
                {onRemove && (
                  <td><Button icon="undo" onClick={() => onRemove(line.container)} testId="bill-line-remove">{t('bill.remove')}</Button></td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
