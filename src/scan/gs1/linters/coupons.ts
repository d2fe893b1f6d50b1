import { yymmdd } from './dates';
import { gcppos1 } from './keys';
import { nonDigit, type Linter } from './types';

type Step = () => string | null;

/**
 * Reads a North American coupon field by field; each step returns an error or null and moves `at`
 * on. Field lengths come from one-digit VLIs ("variable length indicators") before the field.
 */
class Coupon {
  at: number;
  constructor(private readonly s: string, start: number, private readonly end: number) {
    this.at = start;
  }

  /** The next digit, which must be one of `allowed`. */
  digit(field: string, allowed: string): string | null {
    if (this.at >= this.end) return `${field} is missing`;
    const c = this.s[this.at]!;
    if (!allowed.includes(c)) return `${field} "${c}" is not valid (allowed: ${allowed.split('').join(', ')})`;
    this.at++;
    return null;
  }

  take(field: string, len: number): string | null {
    if (this.end - this.at < len) return `${field} is cut short (${len} digit${len === 1 ? '' : 's'} expected)`;
    this.at += len;
    return null;
  }

  /** A VLI digit, then the field it sizes: `length(vli)` digits, optionally starting with a GS1 Company Prefix. */
  sized(field: string, allowed: string, length: (vli: number) => number, gcp = false): string | null {
    const bad = this.digit(`${field} length indicator`, allowed);
    if (bad) return bad;
    const len = length(this.s.charCodeAt(this.at - 1) - 48);
    const start = this.at;
    const cut = this.take(field, len);
    if (cut || !gcp || len === 0) return cut;
    const noGcp = gcppos1(this.s, start, len);
    return noGcp && `${field}: ${noGcp}`;
  }

  /** True (and past it) when the option field marked `flag` comes next. */
  opens(flag: string): boolean {
    if (this.at >= this.end || this.s[this.at] !== flag) return false;
    this.at++;
    return true;
  }

  date(field: string): string | null {
    const start = this.at;
    const cut = this.take(field, 6);
    if (cut) return cut;
    const bad = yymmdd(this.s, start, 6);
    return bad && `${field}: ${bad}`;
  }

  excess(): string | null {
    return this.at >= this.end ? null : `unexpected data from position ${this.at + 1}`;
  }
}

function run(steps: Step[]): string | null {
  for (const step of steps) {
    const bad = step();
    if (bad) return bad;
  }
  return null;
}

const plus6 = (vli: number) => vli + 6;
const same = (vli: number) => vli;
const gcpOrNone = (vli: number) => (vli === 9 ? 0 : vli + 6); // 9: no GS1 Company Prefix given

function purchase(c: Coupon, nth: string): Step[] {
  return [
    () => c.sized(`${nth} purchase requirement`, '12345', same),
    () => c.digit(`${nth} purchase requirement code`, '012349'),
    () => c.take(`${nth} purchase family code`, 3),
  ];
}

/** North American Coupon Code (AI 8110): fixed fields, then option fields 1, 2, 3, 4, 5, 6, 9 in that order. */
export const couponcode: Linter = (s, at, len) => {
  const notDigit = nonDigit(s, at, len);
  if (notDigit) return notDigit;
  const c = new Coupon(s, at, at + len);
  let expiry = -1;
  const options: [string, Step[]][] = [
    ['1', [() => c.digit('additional purchase rules code', '0123'), ...purchase(c, '2nd'), () => c.sized('2nd purchase GS1 Company Prefix', '01234569', gcpOrNone, true)]],
    ['2', [...purchase(c, '3rd'), () => c.sized('3rd purchase GS1 Company Prefix', '01234569', gcpOrNone, true)]],
    ['3', [() => { expiry = c.at; return c.date('expiration date'); }]],
    ['4', [() => {
      const start = c.at;
      return c.date('start date') ?? (expiry >= 0 && s.slice(start, start + 6) > s.slice(expiry, expiry + 6) ? 'the expiration date is before the start date' : null);
    }]],
    ['5', [() => c.sized('serial number', '0123456789', plus6)]],
    ['6', [() => c.sized('retailer GS1 Company Prefix or GLN', '1234567', plus6, true)]],
    ['9', [
      () => c.digit('save value code', '01256'),
      () => c.digit('save value applies to item', '012'),
      () => c.digit('store coupon flag', '0123456789'),
      () => c.digit('"do not multiply" flag', '01'),
    ]],
  ];
  return run([
    () => c.sized('GS1 Company Prefix', '0123456', plus6, true),
    () => c.take('offer code', 6),
    () => c.sized('save value', '12345', same),
    ...purchase(c, '1st'),
    ...options.map(([flag, steps]): Step => () => (c.opens(flag) ? run(steps) : null)),
    () => c.excess(),
  ]);
};

/** Positive offer file coupon (AI 8112). */
export const couponposoffer: Linter = (s, at, len) => {
  const notDigit = nonDigit(s, at, len);
  if (notDigit) return notDigit;
  const c = new Coupon(s, at, at + len);
  return run([
    () => c.digit('coupon format', '01'),
    () => c.sized('coupon funder ID', '0123456', plus6),
    () => c.take('offer code', 6),
    () => c.sized('serial number', '0123456789', plus6),
    () => c.excess(),
  ]);
};
