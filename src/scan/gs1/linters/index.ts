import * as codes from './codes';
import * as coupons from './coupons';
import * as dates from './dates';
import * as keys from './keys';
import type { Linter } from './types';
import * as values from './values';

export type { Linter } from './types';

/**
 * Every content check by the name the GS1 Barcode Syntax Dictionary gives it. The character-set
 * checks (cset82, cset39, cset64, csetnumeric) are the component types N, X, Y and Z, applied by
 * the validator before these.
 */
export const LINTERS: Readonly<Record<string, Linter>> = {
  csum: keys.csum, csumalpha: keys.csumalpha, gcppos1: keys.gcppos1, gcppos2: keys.gcppos2, key: keys.key, keyoff1: keys.keyoff1,
  hasnondigit: keys.hasnondigit, nozeroprefix: keys.nozeroprefix,
  yymmdd: dates.yymmdd, yymmd0: dates.yymmd0, yyyymmdd: dates.yyyymmdd, yyyymmd0: dates.yyyymmd0, yymmddhh: dates.yymmddhh,
  hhmi: dates.hhmi, hhmm: dates.hhmi, hh: dates.hh, mi: dates.mi, ss: dates.ss, mm: dates.mm, mmoptss: dates.mmoptss,
  iso3166: codes.iso3166, iso3166999: codes.iso3166999, iso3166alpha2: codes.iso3166alpha2, iso3166list: codes.iso3166list,
  iso4217: codes.iso4217, iso5218: codes.iso5218, iban: codes.iban, packagetype: codes.packagetype, mediatype: codes.mediatype,
  importeridx: codes.importeridx,
  yesno: values.yesno, zero: values.zero, nonzero: values.nonzero, hyphen: values.hyphen, winding: values.winding,
  pieceoftotal: values.pieceoftotal, posinseqslash: values.posinseqslash, latitude: values.latitude, longitude: values.longitude,
  latlong: values.latlong, pcenc: values.pcenc,
  couponcode: coupons.couponcode, couponposoffer: coupons.couponposoffer,
};
