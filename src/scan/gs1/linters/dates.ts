import { digitsValue, quoted, type Linter } from './types';

const DAYS_IN_MONTH = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const pad2 = (n: number) => String(n).padStart(2, '0');

/** Month and day of a date whose MMDD starts at `at`; `leap` says whether February has 29 days. */
function monthDayError(s: string, at: number, leap: boolean, allowDay00: boolean): string | null {
  const mm = digitsValue(s, at, 2);
  const dd = digitsValue(s, at + 2, 2);
  if (mm < 1 || mm > 12) return `month ${pad2(mm)}`;
  const max = mm === 2 && !leap ? 28 : DAYS_IN_MONTH[mm]!;
  if (dd > max || (dd === 0 && !allowDay00)) return `day ${pad2(dd)} of month ${pad2(mm)}`;
  return null;
}

function shortDate(allowDay00: boolean): Linter {
  // YY is taken as 20YY or 19YY: either way every year divisible by 4 is a leap year (2000 was one).
  return (s, at, len) => {
    const bad = len === 6 ? monthDayError(s, at + 2, digitsValue(s, at, 2) % 4 === 0, allowDay00) : 'length';
    return bad && `${quoted(s, at, len)} is not a valid YYMMDD date (${bad})`;
  };
}

function longDate(allowDay00: boolean): Linter {
  return (s, at, len) => {
    const y = digitsValue(s, at, 4);
    const bad = len === 8 ? monthDayError(s, at + 4, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0, allowDay00) : 'length';
    return bad && `${quoted(s, at, len)} is not a valid YYYYMMDD date (${bad})`;
  };
}

export const yymmdd = shortDate(false);
export const yymmd0 = shortDate(true);
export const yyyymmdd = longDate(false);
export const yyyymmd0 = longDate(true);

function range(what: string, max: number): Linter {
  return (s, at, len) => (len === 2 && digitsValue(s, at, 2) <= max ? null : `${quoted(s, at, len)} is not a valid ${what} (00 to ${max})`);
}

export const hh = range('hour', 23);
export const mi = range('minute', 59);
export const ss = range('second', 59);
export const mm: Linter = (s, at, len) => {
  const m = len === 2 ? digitsValue(s, at, 2) : -1;
  return m >= 1 && m <= 12 ? null : `${quoted(s, at, len)} is not a valid month (01 to 12)`;
};

/** HHMI (hhmm in older dictionaries): hour and minute. */
export const hhmi: Linter = (s, at, len) =>
  len === 4 && digitsValue(s, at, 2) <= 23 && digitsValue(s, at + 2, 2) <= 59 ? null : `${quoted(s, at, len)} is not a valid HHMM time`;

/** YYMMDDHH: a date and an hour. */
export const yymmddhh: Linter = (s, at, len) => {
  if (len !== 8) return `${quoted(s, at, len)} is not a valid YYMMDDHH date and hour (length)`;
  return yymmdd(s, at, 6) ?? hh(s, at + 6, 2);
};

/** Minutes with optional seconds: MM or MMSS. */
export const mmoptss: Linter = (s, at, len) =>
  len !== 2 && len !== 4 ? `${quoted(s, at, len)} must be MM or MMSS` : mi(s, at, 2) ?? (len === 4 ? ss(s, at + 2, 2) : null);
