import type { RequestPayload, RequestResult, StationBridge } from '../api';
import type { StationStore } from './station-store';

export type EodAnswer = RequestResult<'eod.summary'>;
export type EodQuery = RequestPayload<'eod.summary'>;

export interface EodActions {
  openEod(): void;
  /** The summary of a day or shift; rejects with the station's words (a bad date, a missing right). */
  readEod(query: EodQuery): Promise<EodAnswer>;
}

/** The End of day screen's way in and its one query; its commands go through the station actions, so refusals reach the error dialog. */
export function connectEod(bridge: StationBridge, station: StationStore): EodActions {
  return {
    openEod: () => station.setState({ screen: 'eod' }),
    readEod: (query) => bridge.request('eod.summary', query),
  };
}

/** A local date as YYYY-MM-DD, `days` after `date`. */
export function shiftDay(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Today in a time zone (the station's eod zone), as YYYY-MM-DD; the kiosk's own zone when none is known. */
export function todayIn(timeZone?: string, now = new Date()): string {
  try {
    // en-CA formats as YYYY-MM-DD
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  } catch {
    return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  }
}
