import { gs1CheckDigit } from '../scan/gs1/check-digit';
import { isProblem, type Cell } from './table';

/** Why a cell's value was refused: the message, without the file, line or field (the caller adds them). */
export class Invalid {
  constructor(readonly message: string) {}
}

function kind(cell: Date | boolean): string {
  return cell instanceof Date ? 'a date' : 'a true/false value';
}

/** A cell as trimmed text, or null when empty; numbers as written, dates and booleans refused. */
function asText(cell: Cell, expected: string): string | null | Invalid {
  if (cell === null) return null;
  if (typeof cell === 'string') return cell.trim() === '' ? null : cell.trim();
  if (typeof cell === 'number') return String(cell);
  if (isProblem(cell)) return new Invalid(cell.problem);
  return new Invalid(`expected ${expected}, the cell holds ${kind(cell)}`);
}

/** Plain text (a code, a lot, a description, a reference, a warehouse) of at most `max` characters. */
export function textValue(cell: Cell, max: number): string | null | Invalid {
  const text = asText(cell, 'text');
  if (typeof text === 'string' && text.length > max) return new Invalid(`"${text.slice(0, 30)}…" is ${text.length} characters long, at most ${max} are allowed`);
  return text;
}

const DIGITS = /^\d+$/;

/** A GTIN-8, -12, -13 or -14 with a right check digit, padded to 14 digits. */
export function gtinValue(cell: Cell): string | null | Invalid {
  const text = asText(cell, 'a GTIN');
  if (typeof text !== 'string') return text;
  if (!DIGITS.test(text) || ![8, 12, 13, 14].includes(text.length)) return new Invalid(`"${text}" is not a GTIN: 8, 12, 13 or 14 digits`);
  const gtin = text.padStart(14, '0');
  const want = gs1CheckDigit(gtin, 0, 13);
  const got = gtin.charCodeAt(13) - 48;
  return got === want ? gtin : new Invalid(`${text} has a wrong check digit: ${got}, expected ${want}`);
}

/** A positive whole number of items. */
export function quantityValue(cell: Cell): number | null | Invalid {
  const text = asText(cell, 'a positive whole number');
  if (typeof text !== 'string') return text;
  const n = DIGITS.test(text) ? Number(text) : NaN;
  return Number.isSafeInteger(n) && n > 0 ? n : new Invalid(`${text} is not a positive whole number`);
}

const WEIGHT = /^\d+([.,]\d+)?$/;

/** Grams per item, 0 or more; a decimal comma is read as a decimal point. */
export function weightValue(cell: Cell): number | null | Invalid {
  const text = asText(cell, 'a weight in grams');
  if (typeof text !== 'string') return text;
  return WEIGHT.test(text) ? Number(text.replace(',', '.')) : new Invalid(`${text} is not a weight in grams (a number, 0 or more)`);
}

/** `out` (the default when empty) or `in`, in any case. */
export function directionValue(cell: Cell): 'out' | 'in' | null | Invalid {
  const text = asText(cell, 'out or in');
  if (typeof text !== 'string') return text;
  const d = text.toLowerCase();
  return d === 'out' || d === 'in' ? d : new Invalid(`"${text}" is not a direction: out or in`);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * GS1's century rule for YYMMDD (General Specifications, "Determination of century in dates"): a year
 * 51–99 years ahead of this one is in the last century, one 50–99 years behind it in the next.
 */
export function gs1Year(yy: number, thisYear: number): number {
  const century = thisYear - (thisYear % 100);
  const diff = yy - (thisYear % 100);
  if (diff >= 51) return century - 100 + yy;
  if (diff <= -50) return century + 100 + yy;
  return century + yy;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const YYMMDD = /^(\d{2})(\d{2})(\d{2})$/;
const DATE_FORMATS = 'YYYY-MM-DD, or YYMMDD as in GS1 (day 00: the end of the month)';

/** An expiry as YYYY-MM-DD: from ISO text, GS1 YYMMDD (DD=00 is the month's last day) or a date cell. */
export function expiryValue(cell: Cell, thisYear: number): string | null | Invalid {
  // Excel stores a date as its local calendar day at UTC midnight, so its UTC parts are the day shown.
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? new Invalid('the date cell holds no valid date') : `${pad(cell.getUTCFullYear(), 4)}-${pad(cell.getUTCMonth() + 1)}-${pad(cell.getUTCDate())}`;
  const text = asText(cell, 'a date');
  if (typeof text !== 'string') return text;
  let year: number, month: number, day: number;
  const iso = ISO.exec(text);
  const gs1 = iso ? null : YYMMDD.exec(text);
  if (iso) [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (gs1) [year, month, day] = [gs1Year(Number(gs1[1]), thisYear), Number(gs1[2]), Number(gs1[3])];
  else return new Invalid(`"${text}" is not a date: ${DATE_FORMATS}`);
  if (gs1 && day === 0 && month >= 1 && month <= 12) day = daysIn(year, month);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return new Invalid(`"${text}" is not a day of the calendar`);
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}
