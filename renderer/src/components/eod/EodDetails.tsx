import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { kg } from '../../../../src/scale/kg';
import { dateTime, shortHash } from '../../state/admin-controller';
import type { EodAnswer } from '../../state/eod-controller';

interface Row { key: string; at: string; what: string; who: string }

/** The exceptions with who, the chain head (short; the full hash on a tap) and the clock notes. */
export function EodDetails({ summary: s }: { summary: EodAnswer }) {
  const { t } = useTranslation();
  const [fullHash, setFullHash] = useState(false);
  const name = (user: string | null) => user ?? t('eod.nobody');
  const rows: Row[] = [
    ...s.refused.rows.map((r) => ({ key: `r${r.seq}`, at: r.at, what: `${t('eod.refused')}: ${r.code} — ${r.reason}`, who: t('eod.by', { user: name(r.user) }) })),
    ...s.outOfTolerance.rows.map((r) => ({
      key: `w${r.seq}`, at: r.at, what: `${t('eod.outOfTolerance')}: ${r.container} ${kg(r.grams)}${r.expectedGrams === null ? '' : ` (${kg(r.expectedGrams)})`}`,
      who: [t('eod.by', { user: name(r.user) }), r.acceptedBy && t('eod.acceptedBy', { user: r.acceptedBy })].filter(Boolean).join(', '),
    })),
    ...s.overrides.rows.map((r) => ({
      key: `o${r.seq}`, at: r.at, what: `${t('eod.overrides')}: ${r.action} — ${r.reason}`,
      who: `${t('eod.requestedBy', { user: name(r.requestedBy) })}, ${t('eod.approvedBy', { user: name(r.approvedBy) })}`,
    })),
    ...s.voids.rows.map((r) => ({
      key: `v${r.seq}`, at: r.at, what: `${t('eod.voids')}: ${r.container} — ${r.reason}`,
      who: [t('eod.by', { user: name(r.user) }), r.approvedBy && t('eod.approvedBy', { user: r.approvedBy })].filter(Boolean).join(', '),
    })),
  ].sort((a, b) => a.key.slice(1).localeCompare(b.key.slice(1), undefined, { numeric: true }));
  // the lists are capped at 500 rows each; the counts are whole
  const listed = s.refused.rows.length + s.outOfTolerance.rows.length + s.overrides.rows.length + s.voids.rows.length;
  const counted = s.refused.count + s.outOfTolerance.count + s.overrides.count + s.voids.count;

  return (
    <div className="eod__details">
      <section className="eod__section" data-testid="eod-exceptions">
        <h3 className="eod__heading">{t('eod.exceptions')}</h3>
        {rows.length === 0 ? <p className="eod__muted">{t('eod.noExceptions')}</p> : (
          <ul className="eod__list">
            {rows.map((r) => (
              <li key={r.key} data-testid="eod-exception"><span className="admin__time">{dateTime(r.at)}</span> <strong>{r.what}</strong> <span className="eod__muted">{r.who}</span></li>
            ))}
            {counted > listed && <li className="eod__muted">{t('eod.more', { count: counted - listed })}</li>}
          </ul>
        )}
      </section>
      {s.chainHead && (
        <section className="eod__section">
          <h3 className="eod__heading">{t('eod.chainHead')}</h3>
          <button type="button" className="eod__hash" title={t('eod.tapForFull')} aria-expanded={fullHash} onClick={() => setFullHash(!fullHash)} data-testid="eod-chain-head">
            {fullHash ? s.chainHead.hash : `${shortHash(s.chainHead.hash)}…`} <span className="eod__muted">{t('eod.chainAt', { seq: s.chainHead.seq })}</span>
          </button>
        </section>
      )}
      {s.clock.notes.length > 0 && (
        <section className="eod__section" data-testid="eod-clock">
          <h3 className="eod__heading">{t('eod.clock')}</h3>
          <ul className="eod__list">{s.clock.notes.map((note) => <li key={note} data-testid="eod-clock-note">{note}</li>)}</ul>
        </section>
      )}
    </div>
  );
}
