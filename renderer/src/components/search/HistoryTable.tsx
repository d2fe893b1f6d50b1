import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../api';
import { dateTime } from '../../state/admin-controller';
import { whatOf, type HistoryRow } from '../../state/search-controller';

const isRole = (role: string | null): role is Role => (ROLES as readonly (string | null)[]).includes(role);

/** A row of the table: an audit row, where in it the code stands, and (for a shift) the code it is about. */
export type HistoryTableRow = HistoryRow & { code?: string | null };

interface HistoryTableProps {
  rows: HistoryTableRow[];
  /** A code's history shows who did it; a shift is one user's, so it shows the code instead. */
  columns: 'who' | 'code';
  title?: string;
  empty: string;
}

/**
 * Events newest first, in the search history's words: when, who (or the code), what, why and who
 * approved. The search screen (one code's history) and the shift screen (one user's) share it.
 */
export function HistoryTable({ rows, columns, title, empty }: HistoryTableProps) {
  const { t } = useTranslation();
  return (
    <div className="admin__scroll">
      {title && <h3 className="search__history-title">{title}</h3>}
      {rows.length === 0 ? <p className="admin__empty" data-testid="history-empty">{empty}</p> : (
        <table className="admin-table" data-testid="history-table">
          <thead>
            <tr>
              <th>{t('search.when')}</th>
              {columns === 'who' ? <><th>{t('search.who')}</th><th>{t('search.role')}</th></> : <th>{t('search.code')}</th>}
              <th>{t('search.whatHeader')}</th><th>{t('search.why')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const what = whatOf(row);
              return (
                <tr key={row.seq} data-testid="history-row" data-seq={row.seq} data-type={row.type}>
                  <td className="admin__time">{dateTime(row.at)}</td>
                  {columns === 'who' ? (
                    <>
                      <td data-testid="history-who">{row.userName ?? row.userId ?? <span className="admin__muted">{t('search.nobody')}</span>}</td>
                      <td data-testid="history-role">{isRole(row.role) ? t(`roles.${row.role}`) : row.role ?? ''}</td>
                    </>
                  ) : <td className="admin__mono" data-testid="history-code">{row.code ?? ''}</td>}
                  <td data-testid="history-what">{t(`search.what.${what.key}`, what.values)} <span className="admin__muted admin__mono">#{row.seq}</span></td>
                  <td data-testid="history-why">{[row.reason, row.approvedBy ? t('search.approvedBy', { name: row.approvedByName ?? row.approvedBy }) : null].filter(Boolean).join(' · ')}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
