import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAdminActions } from '../../state/admin-context';
import { useStationView } from '../../state/context';
import { Button } from '../Button';
import { DemoPanel } from '../DemoPanel';
import { Icon } from '../Icon';
import { ScanStatus } from '../ScanStatus';
import { BillInHand } from './BillInHand';
import { OpenBills } from './OpenBills';
import { billRights } from '../../state/bill-rights';
import '../admin/admin.css';
import './bill.css';

/**
 * Bills at the station: the bill in hand (and, while it is open, the scanner adds to it), or New
 * bill and the bills that may be continued. The last answer stays in view, so a print's saved file
 * is there in words.
 */
export function BillsScreen() {
  const { t } = useTranslation();
  const admin = useAdminActions();
  const slice = useStationView((view) => view.state?.slices.bill ?? null);
  const role = useStationView((view) => (view.state?.slices.session.status === 'active' ? view.state.slices.session.user?.role : null));
  const rights = billRights(role);
  const current = slice?.current ?? null;
  const lastResult = useStationView((view) => view.lastResult);
  // the answer to the last Print names the saved file: it takes the answer's place until the next answer
  const [printedAfter, setPrintedAfter] = useState<string | null>(null);
  const printAnswer = printedAfter !== null && lastResult && lastResult.correlationId !== printedAfter ? lastResult : null;
  return (
    <div className="page admin bills" data-testid="bills-screen">
      <div className="admin__bar">
        {/* while the bill is open in hand, the banner is the title: every scan goes onto it */}
        {current?.status === 'open'
          ? <p className="bills__banner" role="status" data-testid="bill-scanning"><Icon name="scan" /> {t('bill.scanning', { bill: current.bill })}</p>
          : <h2 className="admin__title">{t('bill.title')}</h2>}
        <Button size="primary" icon="back" onClick={admin.backToScanning} testId="bills-back">{t('admin.back')}</Button>
      </div>
      {!slice ? <p className="bills__empty">{t('bill.unavailable')}</p>
        : current ? <BillInHand bill={current} rights={rights} onPrint={() => setPrintedAfter(lastResult?.correlationId ?? '')} />
          : <OpenBills open={slice.open} rights={rights} />}
      {printAnswer ? (
        <p className={`bills__answer bills__answer--${printAnswer.outcome}`} role="status" data-testid="bill-print-answer">
          <Icon name={printAnswer.outcome === 'good' ? 'good' : 'warning'} /> {printAnswer.message}
        </p>
      ) : <ScanStatus />}
      <DemoPanel />
    </div>
  );
}
