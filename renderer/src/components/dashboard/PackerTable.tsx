import { useTranslation } from 'react-i18next';
import type { PackerKpi } from '../../../../src/workflows/dashboard/contract';
import { percent } from './figures';

/** The packers by complexity-adjusted rate: harder work (small, mixed containers, manifests) is weighed in. */
export function PackerTable({ packers }: { packers: readonly PackerKpi[] }) {
  const { t } = useTranslation();
  if (packers.length === 0) return <p className="admin__empty" data-testid="packers-empty">{t('dashboard.packers.none')}</p>;
  return (
    <table className="admin-table dash-table dash-table--packers" data-testid="packer-table">
      <thead>
        <tr><th>{t('dashboard.packers.who')}</th><th>{t('dashboard.packers.rate')}</th><th>{t('dashboard.packers.adjusted')}</th><th>{t('dashboard.packers.misscans')}</th>
          <th>{t('dashboard.packers.overrides')}</th><th>{t('dashboard.packers.voids')}</th><th>{t('dashboard.packers.complexity')}</th></tr>
      </thead>
      <tbody>
        {packers.slice(0, 10).map((p) => (
          <tr key={p.userId} data-testid="packer-row" data-user={p.userId}>
            <td>{p.name ?? p.userId}</td>
            <td className="dash-num">{p.ratePerHour.toFixed(1)}</td>
            <td className="dash-num dash-strong" data-testid="packer-adjusted">{p.adjustedRate.toFixed(1)}</td>
            <td className="dash-num">{percent(p.misscanRate)}</td>
            <td className="dash-num">{p.overrides}</td>
            <td className="dash-num">{p.voids}</td>
            <td className="dash-num">×{p.complexity.toFixed(2)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
