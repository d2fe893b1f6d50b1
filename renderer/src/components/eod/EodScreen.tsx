import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAdminActions } from '../../state/admin-context';
import { dateTime } from '../../state/admin-controller';
import { useStationActions, useStationView } from '../../state/context';
import { todayIn, type EodAnswer } from '../../state/eod-controller';
import { Button } from '../Button';
import { Icon } from '../Icon';
import { ReasonDialog } from '../ReasonDialog';
import { EodDetails } from './EodDetails';
import { EodFigures } from './EodFigures';
import { EodPicker } from './EodPicker';
import '../admin/admin.css';
import './eod.css';

const REASONS = ['centralDown', 'syncLater', 'checked'] as const;
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * End of day for a supervisor: pick a day and shift, read its summary, export it (the saved path is
 * shown), close it. A refused close shows the station's words in the error dialog and offers "Close
 * anyway" with a reason, which the station records with what was unsynced.
 */
export function EodScreen() {
  const { t } = useTranslation();
  const admin = useAdminActions();
  const actions = useStationActions();
  const lastResult = useStationView((view) => view.lastResult);
  const [date, setDate] = useState(() => todayIn());
  const [shift, setShift] = useState<string | null>(null);
  const [answer, setAnswer] = useState<EodAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  // the answer to the last Export or Close takes the place of the one before it (like a bill's print)
  const [pressed, setPressed] = useState<{ kind: 'export' | 'close'; after: string } | null>(null);
  const answered = pressed && lastResult && lastResult.correlationId !== pressed.after ? lastResult : null;
  // "today" is the station's: the first answer names its zone, and a kiosk in another zone follows it once
  const zoneFollowed = useRef(false);
  const resultId = lastResult?.correlationId;

  useEffect(() => {
    let live = true;
    admin.readEod(shift ? { date, shift } : { date }).then((a) => {
      if (!live) return;
      setAnswer(a);
      setError(null);
      if (!zoneFollowed.current) {
        zoneFollowed.current = true;
        if (todayIn(a.timeZone) !== date) setDate(todayIn(a.timeZone));
      }
    }, (err: unknown) => {
      if (live) { setAnswer(null); setError(messageOf(err)); }
    });
    return () => { live = false; };
    // every answer (a close, an export, a scan here) may change the summary: read it again
  }, [admin, date, shift, resultId]);

  const query = shift ? { date, shift } : { date };
  const press = (kind: 'export' | 'close', send: () => Promise<void>) => {
    setPressed({ kind, after: lastResult?.correlationId ?? '' });
    void send();
  };
  const pick = (next: { date?: string; shift?: string | null }) => {
    setPressed(null);
    if (next.date !== undefined) setDate(next.date);
    if (next.shift !== undefined) setShift(next.shift);
  };
  const closed = answer?.closed ?? null;
  const what = shift ? `${date} · ${shift}` : date;

  return (
    <div className="page admin eod" data-testid="eod-screen" data-date={date} data-shift={shift ?? ''}>
      <div className="admin__bar">
        <h2 className="admin__title">{t('eod.title')}</h2>
        <Button size="primary" icon="back" onClick={admin.backToScanning} testId="eod-back">{t('admin.back')}</Button>
      </div>
      <EodPicker date={date} shift={shift} today={todayIn(answer?.timeZone)} shifts={answer?.shifts ?? []} onPick={pick} />
      <div className="eod__body">
        <div className="eod__main">
          {error ? <p className="admin__error" role="alert" data-testid="eod-error"><Icon name="warning" /> {error}</p>
            : !answer ? <p className="eod__muted">{t('eod.loading')}</p>
              : (
                <>
                  <p className="eod__period" data-testid="eod-period">
                    {t('eod.period', { start: dateTime(answer.period.start), end: dateTime(answer.period.end), zone: answer.timeZone })}
                  </p>
                  {answer.empty
                    ? <p className="eod__empty" role="status" data-testid="eod-empty"><Icon name="clock" /> {answer.empty}</p>
                    : <><EodFigures summary={answer} /><EodDetails summary={answer} /></>}
                </>
              )}
        </div>
        <div className="eod__actions">
          <Button size="primary" icon="diagnostics" disabled={!answer} onClick={() => press('export', () => actions.request('eod.export', { ...query, format: 'csv' }))} testId="eod-export-csv">{t('eod.exportCsv')}</Button>
          <Button size="primary" icon="diagnostics" disabled={!answer} onClick={() => press('export', () => actions.request('eod.export', { ...query, format: 'pdf' }))} testId="eod-export-pdf">{t('eod.exportPdf')}</Button>
          {closed ? (
            <p className="eod__closed" role="status" data-testid="eod-closed">
              <Icon name="good" /> <span>{t('eod.closedLine', { at: dateTime(closed.at), by: closed.by ?? t('eod.unknown') })}
                {closed.reason && <><br />{t('eod.closedReason', { reason: closed.reason })}</>}</span>
            </p>
          ) : (
            <Button size="primary" tone="accent" icon="closed" disabled={!answer} onClick={() => press('close', () => actions.request('eod.close', query))} testId="eod-close">
              {t(shift ? 'eod.closeShift' : 'eod.closeDay')}
            </Button>
          )}
          {/* offered only after the station refused a close: its words are in the error dialog */}
          {!closed && answered?.outcome === 'bad' && pressed?.kind === 'close' && (
            <Button size="primary" tone="danger" icon="warning" onClick={() => setAsking(true)} testId="eod-close-anyway">{t('eod.closeAnyway')}</Button>
          )}
        </div>
      </div>
      {answered && (
        <p className={`eod__answer eod__answer--${answered.outcome}`} role="status" data-testid="eod-answer">
          <Icon name={answered.outcome === 'good' ? 'good' : 'warning'} /> {answered.message}
        </p>
      )}
      {asking && (
        <ReasonDialog
          title={t('eod.closeAnywayTitle', { what })}
          reasons={REASONS.map((key) => ({ key, words: t(`eod.reasons.${key}`) }))}
          legend={t('container.reason')} otherLabel={t('container.otherReason')} cancelLabel={t('container.cancel')}
          confirmLabel={t('eod.closeAnyway')} testId="eod-close-anyway" onClose={() => setAsking(false)}
          onSubmit={(reason) => press('close', () => actions.request('eod.close', { ...query, reason }))}
        />
      )}
    </div>
  );
}
