import { useTranslation } from 'react-i18next';
import { shiftDay } from '../../state/eod-controller';
import { Button } from '../Button';

interface PickerProps {
  date: string;
  shift: string | null;
  /** Today at the station: no later day is offered. */
  today: string;
  shifts: ReadonlyArray<{ id: string; start: string; end: string }>;
  onPick(next: { date?: string; shift?: string | null }): void;
}

/** The day (previous / next / today, one touch each) and the shift: "whole day" or one of the configured ones. */
export function EodPicker({ date, shift, today, shifts, onPick }: PickerProps) {
  const { t } = useTranslation();
  const chip = (id: string | null, words: string) => (
    <button key={id ?? ''} type="button" className={`eod__chip${shift === id ? ' eod__chip--on' : ''}`} aria-pressed={shift === id}
      onClick={() => onPick({ shift: id })} data-testid={`eod-shift-${id ?? 'whole'}`}>{words}</button>
  );
  return (
    <div className="eod__picker">
      <div className="eod__days">
        <Button size="primary" icon="back" onClick={() => onPick({ date: shiftDay(date, -1) })} testId="eod-prev-day">{t('eod.previousDay')}</Button>
        <output className="eod__date" data-testid="eod-date">{date}</output>
        <Button size="primary" disabled={date >= today} onClick={() => onPick({ date: shiftDay(date, 1) })} testId="eod-next-day">{t('eod.nextDay')} ›</Button>
        {date !== today && <Button size="primary" onClick={() => onPick({ date: today })} testId="eod-today">{t('eod.today')}</Button>}
      </div>
      <div className="eod__shifts" role="group">
        {chip(null, t('eod.wholeDay'))}
        {shifts.map((s) => chip(s.id, `${s.id} ${t('eod.shiftTimes', { start: s.start, end: s.end })}`))}
      </div>
    </div>
  );
}
