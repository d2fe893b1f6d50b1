import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../api';
import { useAdminActions, useAdminView } from '../../state/admin-context';
import { dateTime, payloadSummary, shortHash, typeSuggestions, type AuditRow, type RejectionRow } from '../../state/admin-controller';
import { rejectionReason } from '../../format/rejection-reason';
import { Button } from '../Button';
import { Icon } from '../Icon';
import { AdminNotice } from './AdminNotice';
import { QuarantinePanel } from './QuarantinePanel';
import './admin.css';

const isRole = (role: string | null): role is Role => (ROLES as readonly (string | null)[]).includes(role);

/**
 * The audit trail: who did what, where, when and why, newest first, with the chain head it ends in.
 * Above it, the rejections central sent back, each marked seen by a supervisor, and the events central
 * quarantined, each retried or skipped.
 */
export function AuditScreen() {
  const { t } = useTranslation();
  const actions = useAdminActions();
  const audit = useAdminView((view) => view.audit);
  const { filters, head } = audit;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void actions.applyAuditFilters();
  };

  return (
    <div className="page admin" data-testid="audit-screen">
      <div className="admin__bar">
        <h2 className="admin__title">{t('audit.title')}</h2>
        <p className="admin__head" data-testid="chain-head" title={head?.hash ?? ''} data-seq={head?.seq ?? ''}>
          {t('audit.chainHead')}: {head ? <><code className="admin__mono" data-testid="chain-head-hash">{shortHash(head.hash)}</code> · #{head.seq}</> : t('audit.noHead')}
        </p>
        <Button icon="sync" onClick={() => void actions.refreshAudit()} testId="audit-refresh">{t('audit.refresh')}</Button>
        <Button size="primary" icon="back" onClick={actions.backToScanning} testId="admin-back">{t('admin.back')}</Button>
      </div>
      <AdminNotice />
      <RejectionsPanel />
      <QuarantinePanel />
      <form className="admin__filters" onSubmit={submit} aria-label={t('audit.filter')}>
        <label className="admin__field">
          <span>{t('audit.user')}</span>
          <select className="admin__input" value={filters.userId} onChange={(e) => actions.setAuditFilters({ userId: e.target.value })} data-testid="audit-user">
            <option value="">{t('audit.anyUser')}</option>
            {audit.users.map((u) => <option key={u.userId} value={u.userId}>{u.name} ({u.userId})</option>)}
          </select>
        </label>
        <label className="admin__field">
          <span>{t('audit.type')}</span>
          <input
            className="admin__input" value={filters.type} placeholder={t('audit.typePlaceholder')} list="audit-types"
            onChange={(e) => actions.setAuditFilters({ type: e.target.value })} autoComplete="off" spellCheck={false} data-testid="audit-type"
          />
          <datalist id="audit-types">{typeSuggestions(audit.rows).map((type) => <option key={type} value={type} />)}</datalist>
        </label>
        <label className="admin__field">
          <span>{t('audit.from')}</span>
          <input type="datetime-local" className="admin__input" value={filters.from} onChange={(e) => actions.setAuditFilters({ from: e.target.value })} data-testid="audit-from" />
        </label>
        <label className="admin__field">
          <span>{t('audit.to')}</span>
          <input type="datetime-local" className="admin__input" value={filters.to} onChange={(e) => actions.setAuditFilters({ to: e.target.value })} data-testid="audit-to" />
        </label>
        <Button type="submit" tone="accent" testId="audit-filter">{t('audit.filter')}</Button>
        <Button onClick={() => void actions.clearAuditFilters()} testId="audit-clear">{t('audit.clear')}</Button>
      </form>
      {audit.error && <p className="admin__error" role="alert" data-testid="audit-error"><Icon name="warning" /> {t('admin.loadFailed', { error: audit.error })}</p>}
      <div className="admin__scroll">
        {audit.rows.length === 0 && !audit.error ? <p className="admin__empty" data-testid="audit-empty">{t('audit.empty')}</p> : (
          <table className="admin-table" data-testid="audit-table">
            <thead>
              <tr><th>{t('audit.who')}</th><th>{t('audit.role')}</th><th>{t('audit.station')}</th><th>{t('audit.time')}</th><th>{t('audit.what')}</th><th>{t('audit.why')}</th></tr>
            </thead>
            <tbody>{audit.rows.map((row) => <AuditLine key={row.seq} row={row} />)}</tbody>
          </table>
        )}
      </div>
      <div className="admin__pager">
        <Button icon="back" disabled={audit.cursors.length <= 1} onClick={() => void actions.newerAudit()} testId="audit-newer">{t('audit.newer')}</Button>
        <span data-testid="audit-page">{t('admin.page', { page: audit.cursors.length })}</span>
        <Button disabled={audit.next === null} onClick={() => void actions.olderAudit()} testId="audit-older">{t('audit.older')}</Button>
      </div>
    </div>
  );
}

function AuditLine({ row }: { row: AuditRow }) {
  const { t } = useTranslation();
  const summary = payloadSummary(row.payload);
  const approver = row.approvedBy ? t('audit.approvedByName', { name: row.approvedByName ? `${row.approvedByName} (${row.approvedBy})` : row.approvedBy }) : null;
  return (
    <tr data-testid="audit-row" data-seq={row.seq} data-type={row.type}>
      <td data-testid="audit-who">
        {row.userId ? <><strong>{row.userName ?? row.userId}</strong><br /><span className="admin__id">{row.userId}</span></> : <span className="admin__muted">{t('audit.nobody')}</span>}
      </td>
      <td data-testid="audit-role">{isRole(row.role) ? t(`roles.${row.role}`) : row.role ?? '—'}</td>
      <td data-testid="audit-station">{row.stationId}</td>
      <td className="admin__time" data-testid="audit-time" title={row.at}>{dateTime(row.at)}</td>
      <td data-testid="audit-what"><code className="admin__mono">{row.type}</code>{summary && <div className="admin__summary" title={summary}>{summary}</div>}</td>
      <td data-testid="audit-why">{row.reason ?? ''}{row.reason && approver ? ' · ' : ''}{approver}</td>
    </tr>
  );
}

/** The rejections central sent back: what was rejected (type, seq, who, when), why in words, and "Seen". */
function RejectionsPanel() {
  const { t } = useTranslation();
  const { rejections, unseenRejections, rejectionsError } = useAdminView((view) => view.audit);
  return (
    <section className="rejections" data-testid="rejections-panel" aria-label={t('rejections.title')} data-unseen={unseenRejections}>
      <h3 className="rejections__title">
        {t('rejections.title')}
        {unseenRejections > 0 && <span className="rejections__unseen" data-testid="rejections-unseen"> · {t('rejections.unseen', { count: unseenRejections })}</span>}
      </h3>
      {rejectionsError && <p className="admin__error" role="alert" data-testid="rejections-error"><Icon name="warning" /> {t('admin.loadFailed', { error: rejectionsError })}</p>}
      {rejections.length === 0 && !rejectionsError ? <p className="admin__empty" data-testid="rejections-empty">{t('rejections.none')}</p> : (
        <div className="rejections__scroll">
          <table className="admin-table">
            <thead>
              <tr><th>{t('rejections.what')}</th><th>{t('rejections.who')}</th><th>{t('rejections.when')}</th><th>{t('rejections.why')}</th><th>{t('rejections.seen')}</th></tr>
            </thead>
            <tbody>{rejections.map((row) => <RejectionLine key={row.centralId} row={row} />)}</tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function RejectionLine({ row }: { row: RejectionRow }) {
  const { t } = useTranslation();
  const actions = useAdminActions();
  const seen = row.seenAt !== null;
  return (
    <tr data-testid="rejection-row" data-central-id={row.centralId} data-seq={row.seq} data-type={row.eventType} data-seen={seen} className={seen ? 'rejections__row--seen' : undefined}>
      <td data-testid="rejection-what"><code className="admin__mono">{row.eventType}</code> <span className="admin__id">#{row.seq}</span></td>
      <td data-testid="rejection-who">
        {row.userId ? <><strong>{row.userName ?? row.userId}</strong><br /><span className="admin__id">{row.userId}</span></>
          : <span className="admin__muted">{row.deviceTime === null ? t('rejections.notInLog') : t('audit.nobody')}</span>}
      </td>
      <td className="admin__time" data-testid="rejection-when" title={row.deviceTime ?? ''}>
        {row.deviceTime ? dateTime(row.deviceTime) : '—'}
        <div className="admin__muted">{t('rejections.rejectedAt', { time: dateTime(row.createdAt) || row.createdAt })}</div>
      </td>
      <td data-testid="rejection-why">
        <strong data-testid="rejection-reason" data-reason={row.reason}>{rejectionReason(row, t)}</strong>
        {row.detail && <div className="admin__summary rejections__detail" data-testid="rejection-detail" title={row.detail}>{row.detail}</div>}
        {row.winnerStation && row.winnerSeq !== null && <div className="admin__muted">{t('rejections.winner', { station: row.winnerStation, seq: row.winnerSeq })}</div>}
      </td>
      <td data-testid="rejection-seen-cell">
        {seen ? <span className="admin__muted" title={row.seenAt ?? ''}>{t('rejections.seenAt', { time: dateTime(row.seenAt ?? '') })}</span>
          : <Button tone="accent" icon="good" onClick={() => void actions.markRejectionSeen(row.centralId)} testId="rejection-seen">{t('rejections.seen')}</Button>}
      </td>
    </tr>
  );
}
