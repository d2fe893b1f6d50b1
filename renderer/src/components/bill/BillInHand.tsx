import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BillSummary } from '../../../../src/workflows/bill/contract';
import { kg } from '../../../../src/scale/kg';
import { useStationActions } from '../../state/context';
import { Button } from '../Button';
import { Icon } from '../Icon';
import { ReasonDialog } from '../ReasonDialog';
import { BillLines } from './BillLines';
import type { BillRights } from '../../state/bill-rights';

const REASONS = {
  remove: ['wrongBill', 'staysBehind', 'damaged'],
  reprint: ['lost', 'damaged', 'extraCopy'],
  reverse: ['wrongBill', 'staysBehind', 'customerRequest'],
} as const;
type Asking = { kind: 'remove'; container: string } | { kind: 'reprint' | 'reverse' };

/**
 * The bill in hand: its number, status and who did what, the containers and the dynamic weight, and
 * the buttons its status and the role allow. Remove, reprint and reverse ask why first; a reverse
 * by someone who is not a supervisor gets the supervisor prompt from the core.
 */
export function BillInHand({ bill, rights, onPrint }: { bill: BillSummary; rights: BillRights; onPrint(): void }) {
  const { t } = useTranslation();
  const actions = useStationActions();
  const [asking, setAsking] = useState<Asking | null>(null);
  const print = (reason?: string) => {
    onPrint();
    void actions.request('bill.print', reason ? { bill: bill.bill, reason } : { bill: bill.bill });
  };
  const { status, weight } = bill;
  const who = [
    bill.openedBy && t('bill.openedBy', { user: bill.openedBy }),
    bill.finalisedBy && t('bill.finalisedBy', { user: bill.finalisedBy }),
    bill.dispatchedBy && t('bill.dispatchedBy', { user: bill.dispatchedBy }),
  ].filter(Boolean);

  return (
    <section className="bills__hand" data-testid="bill-in-hand" data-bill={bill.bill} data-status={status}>
      <div className="bills__main">
        <div className="bills__head">
          <p className="bills__number" data-testid="bill-number">{bill.bill}</p>
          <span className={`bills__status bills__status--${status}`} data-testid="bill-status"><Icon name={status === 'open' ? 'bag' : 'closed'} /> {t(`bill.status.${status}`)}</span>
          <div className="bills__muted">
            {who.length > 0 && <p data-testid="bill-who">{who.join(' · ')}</p>}
            {bill.printed > 0 && <p data-testid="bill-printed">{t('bill.copies', { count: bill.printed })}</p>}
          </div>
        </div>
        <div className="bills__weight" data-testid="bill-weight">
          <p><span className="bills__label">{t('bill.count')}</span><span className="bills__figure" data-testid="bill-count">{bill.lines.length}</span></p>
          <p><span className="bills__label">{t('bill.measured')}</span><span className="bills__figure" data-testid="bill-measured">{kg(weight.measuredGrams)}</span></p>
          <p><span className="bills__label">{t('bill.estimatedPart', { count: weight.estimatedCount })}</span>
            <span className="bills__figure" data-testid="bill-estimated">{kg(weight.estimatedGrams)}</span></p>
          <p className="bills__total"><span className="bills__label">{t('bill.total')}</span><span className="bills__figure" data-testid="bill-total">{kg(weight.totalGrams)}</span></p>
        </div>
        <BillLines lines={bill.lines} onRemove={status === 'open' && rights.build ? (container) => setAsking({ kind: 'remove', container }) : null} />
      </div>
      <div className="bills__actions">
        {status === 'open' && rights.build && (
          <Button size="primary" tone="accent" icon="closed" disabled={bill.lines.length === 0} onClick={() => void actions.request('bill.finalise', { bill: bill.bill })}
            testId="bill-finalise">{t('bill.finalise')}</Button>
        )}
        {status === 'finalised' && rights.dispatch && (
          <Button size="primary" tone="accent" icon="good" onClick={() => void actions.request('bill.dispatch', { bill: bill.bill })} testId="bill-dispatch">{t('bill.dispatch')}</Button>
        )}
        {status !== 'open' && rights.print && (bill.printed === 0
          ? <Button size="primary" icon="diagnostics" onClick={() => print()} testId="bill-print">{t('bill.print')}</Button>
          : <Button size="primary" icon="diagnostics" onClick={() => setAsking({ kind: 'reprint' })} testId="bill-reprint">{t('bill.reprint')}</Button>)}
        {status !== 'open' && (
          <Button size="primary" tone="danger" icon="undo" onClick={() => setAsking({ kind: 'reverse' })} testId="bill-reverse">{t(rights.reverse ? 'bill.reverse' : 'bill.reverseAsk')}</Button>
        )}
        <Button size="primary" icon="back" onClick={() => void actions.request('bill.put_down', {})} testId="bill-put-down">{t('bill.putDown')}</Button>
      </div>
      {asking && (
        <ReasonDialog
          title={asking.kind === 'remove' ? t('bill.removeTitle', { container: asking.container, bill: bill.bill }) : t(`bill.${asking.kind}Title`, { bill: bill.bill })}
          reasons={REASONS[asking.kind].map((key) => ({ key, words: t(`bill.reasons.${key}`) }))}
          legend={t('container.reason')} otherLabel={t('container.otherReason')} cancelLabel={t('container.cancel')}
          confirmLabel={t(`bill.${asking.kind}`)} testId={`bill-${asking.kind}`} onClose={() => setAsking(null)}
          onSubmit={(reason) => {
            if (asking.kind === 'remove') void actions.request('bill.remove', { bill: bill.bill, container: asking.container, reason });
            else if (asking.kind === 'reverse') void actions.request('bill.reverse', { bill: bill.bill, reason });
            else print(reason);
          }}
        />
      )}
    </section>
  );
}
