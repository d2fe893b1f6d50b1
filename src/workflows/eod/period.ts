import type { EodConfig } from './config';

/** The stretch of device time a summary covers: [start, end) in UTC, as the log stores device time. */
export interface Period {
  date: string;
  shift: string | null;
  timeZone: string;
  start: string;
  end: string;
}

export type PeriodResult = { ok: true; period: Period } | { ok: false; message: string };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The zone's offset from UTC at `instant` (ms), read through Intl: no time zone data of our own. */
function offsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(instant));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second')) - Math.floor(instant / 1000) * 1000;
}

/** The UTC instant of a wall-clock time in `timeZone` (the offset read twice: right across a DST change). */
export function zonedInstant(y: number, m: number, d: number, hhmm: string, timeZone: string): number {
  const [h, min] = hhmm.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, h, min);
  const first = wall - offsetMs(wall, timeZone);
  return wall - offsetMs(first, timeZone);
}

/** Checks `date` (YYYY-MM-DD, a real calendar day) and `shift` (one of the configured ids). */
export function periodOf(date: string, shift: string | null | undefined, config: EodConfig): PeriodResult {
  const m = DATE.exec(date);
  const [y, mo, d] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
  const day = new Date(Date.UTC(y, mo - 1, d));
  if (!m || day.getUTCFullYear() !== y || day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d) {
    return { ok: false, message: `"${date}" is not a date: expected YYYY-MM-DD` };
  }
  const next = new Date(Date.UTC(y, mo - 1, d + 1));
  const nextDay = [next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate()] as const;
  const iso = (ms: number) => new Date(ms).toISOString();
  if (shift === null || shift === undefined) {
    return { ok: true, period: { date, shift: null, timeZone: config.timeZone, start: iso(zonedInstant(y, mo, d, '00:00', config.timeZone)), end: iso(zonedInstant(...nextDay, '00:00', config.timeZone)) } };
  }
  const s = config.shifts.find((x) => x.id === shift);
  if (!s) {
    const known = config.shifts.map((x) => x.id).join(', ');
    return { ok: false, message: `there is no shift "${shift}" (${known ? `configured: ${known}` : 'no shifts are configured: eod.shifts'})` };
  }
  // A shift that ends at or before its start runs past midnight: it is summarised whole, on the day it starts.
  const end = s.end > s.start ? zonedInstant(y, mo, d, s.end, config.timeZone) : zonedInstant(...nextDay, s.end, config.timeZone);
  return { ok: true, period: { date, shift, timeZone: config.timeZone, start: iso(zonedInstant(y, mo, d, s.start, config.timeZone)), end: iso(end) } };
}
