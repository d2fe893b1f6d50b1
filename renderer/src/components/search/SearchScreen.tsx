import { useEffect, useRef, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAdminActions, useAdminView } from '../../state/admin-context';
import { useStationView } from '../../state/context';
import type { SearchResult } from '../../state/search-controller';
import { Button } from '../Button';
import { Icon } from '../Icon';
import { HistoryTable } from './HistoryTable';
import '../admin/admin.css';
import './search.css';

const isTextEntry = (target: EventTarget | null) => target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/**
 * Search and history: one big field (touch, typing, or a keyboard-wedge scan: the field keeps the focus,
 * so a scanner types into it and its Enter searches), the card of what the code is (its chain, children
 * and weights), and its history newest first, **Older** page by page.
 */
export function SearchScreen() {
  const { t } = useTranslation();
  const actions = useAdminActions();
  const search = useAdminView((view) => view.search);
  const field = useRef<HTMLInputElement>(null);
  const capturing = useStationView((view) => view.state?.slices.history?.capturing === true);

  // While this screen is open, a hardware scan is a search, not a packing scan.
  useEffect(() => {
    actions.holdScanner(true);
    return () => actions.holdScanner(false);
  }, [actions]);

  // Keys typed anywhere on this screen go into the field: a wedge scan is never a packing scan here.
  useEffect(() => {
    const focus = (event: KeyboardEvent) => {
      if (!isTextEntry(event.target) && event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) field.current?.focus();
    };
    window.addEventListener('keydown', focus, { capture: true });
    return () => window.removeEventListener('keydown', focus, { capture: true });
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void actions.searchCode();
    field.current?.select();
  };

  return (
    <div className="page admin search" data-testid="search-screen">
      <div className="admin__bar">
        <h2 className="admin__title">{t('search.title')}</h2>
        <Button size="primary" icon="clock" onClick={actions.openShift} testId="open-shift">{t('shift.open')}</Button>
        <Button size="primary" icon="back" onClick={actions.backToScanning} testId="admin-back">{t('admin.back')}</Button>
      </div>
      <form className="search__form" onSubmit={submit} role="search">
        <label className="search__label" htmlFor="search-code">{t('search.code')}</label>
        <input
          id="search-code" ref={field} className="admin__input search__input" value={search.query} placeholder={t('search.placeholder')}
          onChange={(e) => actions.setSearchQuery(e.target.value)} autoFocus autoComplete="off" spellCheck={false} data-testid="search-code"
        />
        <Button type="submit" size="primary" tone="accent" testId="search-submit">{t('search.submit')}</Button>
      </form>
      {capturing && <p className="admin__muted" data-testid="search-holds-scanner"><Icon name="scan" /> {t('search.scannerSearches')}</p>}
      {search.error && <p className="admin__error" role="alert" data-testid="search-error"><Icon name="warning" /> {t('search.failed', { error: search.error })}</p>}
      {search.result && <ResultCard result={search.result} />}
      {search.searched !== null && search.result?.kind !== 'none' && <HistoryTable rows={search.rows} columns="who" title={t('search.history')} empty={t('search.noHistory')} />}
      {search.searched !== null && search.result?.kind !== 'none' && (
        <div className="admin__pager">
          {search.cursors.length > 1 && <Button onClick={() => void actions.newestHistory()} testId="history-newest">{t('search.newest')}</Button>}
          {search.next !== null && <Button onClick={() => void actions.olderHistory()} testId="history-older">{t('search.older')}</Button>}
        </div>
      )}
    </div>
  );
}

function ResultCard({ result }: { result: SearchResult }) {
  const { t } = useTranslation();
  if (result.kind === 'none') return <p className="search__card search__card--none" data-testid="search-result" data-kind="none">{result.message}</p>;
  const via = result.via === 'code' ? null : <span className="admin__muted" data-testid="search-via"> · {t(`search.via.${result.via}`)}</span>;
  return (
    <section className="search__card" data-testid="search-result" data-kind={result.kind} data-code={result.code}>
      <h3 className="search__code"><span className="admin__mono">{result.code}</span>{via}</h3>
      {result.kind === 'container' && (
        <>
          <p className="search__facts">
            <strong data-testid="search-type">{result.type}</strong> · <span data-testid="search-status">{t(`search.status.${result.status}`)}</span>
            {result.closeReason && <> ({result.closeReason})</>} · <span data-testid="search-count">{t('search.count', { count: result.count, capacity: result.capacity })}</span>
          </p>
          <Chain chain={result.chain} self={result.code} />
          <div className="search__section">
            <h4>{t('search.children')}</h4>
            {result.children.length === 0 ? <p className="admin__muted">{t('search.noChildren')}</p> : (
              <ul className="search__children" data-testid="search-children">
                {result.children.map((c) => <li key={c.code} data-testid="search-child"><span className="admin__mono">{c.code}</span> <span className="admin__muted">{c.type}</span></li>)}
              </ul>
            )}
          </div>
          {result.labels && result.labels.length > 0 && (
            <div className="search__section" data-testid="search-labels">
              <h4>{t('search.labels')}</h4>
              <ul className="search__children">
                {result.labels.map((l) => (
                  <li key={String(l.job_id)} data-testid="search-label" data-status={String(l.status)}>
                    <span className="admin__mono">…{String(l.job_id).slice(-8)}</span> {t(`search.labelStatus.${String(l.status)}`)}
                    {l.reprint_of ? <span className="admin__muted"> · {t('search.reprint', { reason: String(l.reprint_reason ?? '') })}</span> : null}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {result.weights && result.weights.length > 0 && (
            <div className="search__section" data-testid="search-weights">
              <h4>{t('search.weights')}</h4>
              <ul className="search__children">
                {result.weights.map((w, i) => (
                  <li key={String(w.seq ?? i)}>{typeof w.grams === 'number' ? t('search.grams', { grams: w.grams }) : '—'} <span className="admin__muted">{[w.verdict, w.at].filter(Boolean).join(' · ')}</span></li>
                ))}
              </ul>
            </div>
          )}
        </>
      )}
      {result.kind === 'child' && (
        <>
          <p className="search__facts">{result.type && <strong data-testid="search-type">{result.type} · </strong>}<span data-testid="search-parent">{t('search.inParent', { parent: result.parent })}</span></p>
          <Chain chain={result.chain} self={result.code} />
        </>
      )}
      {result.kind === 'history-only' && <p className="search__facts" data-testid="search-history-only">{t('search.historyOnly', { count: result.events })}</p>}
    </section>
  );
}

/** The containers it is in, outermost first, then itself. */
function Chain({ chain, self }: { chain: string[]; self: string }) {
  const { t } = useTranslation();
  return (
    <p className="search__chain" data-testid="search-chain">
      <span className="admin__muted">{t('search.chain')}: </span>
      {chain.length === 0 ? <span className="admin__muted">{t('search.outermost')}</span>
        : [...chain, self].map((code, i) => <span key={code} className="admin__mono">{i > 0 && ' › '}{code}</span>)}
    </p>
  );
}
