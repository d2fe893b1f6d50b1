import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { BillNumber, type BillSlice } from '../../../../src/workflows/bill/contract';
import { useStationActions } from '../../state/context';
import { Button } from '../Button';
import { Icon } from '../Icon';
import type { BillRights } from '../../state/bill-rights';

type OpenBill = NonNullable<BillSlice>['open'][number];

/**
 * No bill in hand: New bill (a biller), and the bills that may be continued, each one touch:
 * open ones (this station's and, from central, others') and finalised ones waiting for dispatch.
 */
export function OpenBills({ open, rights }: { open: readonly OpenBill[]; rights: BillRights }) {
  const { t } = useTranslation();
  const actions = useStationActions();
  const [number, setNumber] = useState('');
  const continueBill = (bill: string) => void actions.request('bill.continue', { bill });
  // a dispatcher continues only finalised bills: the core refuses the open ones anyway
  const mayContinue = (o: OpenBill) => (o.status === 'open' ? rights.build : rights.print);
  const typed = number.trim();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (BillNumber.safeParse(typed).success) continueBill(typed);
  };
  return (
    <section className="bills__none" data-testid="bills-none">
      {rights.build && (
        <Button size="primary" tone="accent" icon="bag" onClick={() => void actions.request('bill.open', {})} testId="bill-new">{t('bill.new')}</Button>
      )}
      <h3 className="bills__heading">{t('bill.openTitle')}</h3>
      {open.length === 0 ? <p className="bills__empty" data-testid="bills-empty">{t('bill.noneOpen')}</p> : (
        <ul className="bills__list" data-testid="bills-open">
          {open.map((o) => (
            <li key={o.bill} className="bills__row" data-testid="bills-open-row" data-bill={o.bill} data-status={o.status} data-from={o.from}>
              <span className="bills__row-number">{o.bill}</span>
              <span className={`bills__status bills__status--${o.status}`}>{t(`bill.status.${o.status}`)}</span>
              <span className="bills__row-count">{t('bill.containers', { count: o.count })}</span>
              {o.from === 'central' && <span className="bills__from"><Icon name="cloud" /> {t('bill.fromCentral')}</span>}
              {mayContinue(o) && (
                <Button size="primary" icon="sync" onClick={() => continueBill(o.bill)} testId="bill-continue">{t('bill.continue')}</Button>
              )}
            </li>
          ))}
        </ul>
      )}
      <form className="bills__by-number" onSubmit={submit}>
        <input className="admin__input bills__number-input" aria-label={t('bill.byNumber')} placeholder={t('bill.byNumber')} maxLength={60}
          value={number} onChange={(e) => setNumber(e.target.value)} data-testid="bill-number-input" />
        <Button type="submit" disabled={!BillNumber.safeParse(typed).success} testId="bill-number-continue">{t('bill.continue')}</Button>
      </form>
    </section>
  );
}
