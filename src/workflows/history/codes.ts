import { lookupAim } from '../../scan/aim';
import { parseDigitalLink } from '../../scan/gs1/digital-link';
import { looksLikeHri, parseElementString, parseHri, type Gs1Element, type Gs1Result } from '../../scan/gs1/element-string';
import { gtinFromRetailCode } from '../../scan/gs1/gtin';

export type Via = 'code' | 'sscc' | 'gtin';

/** One way to read what was searched for: the text as given, or a GS1 key inside it. */
export interface Candidate {
  code: string;
  via: Via;
}

/** The GS1 keys a search looks for inside a GS1 scan, in this order: the SSCC of a logistic unit first. */
const KEYS: ReadonlyArray<readonly [string, Via]> = [['00', 'sscc'], ['01', 'gtin']];

/**
 * What a search for `query` may mean, most exact first: the text as given (a container or child code
 * is recorded as scanned), then the SSCC (00) and the GTIN (01) inside it when it is a GS1 scan. A GS1
 * scan may come as the scanner sends it (an AIM id such as `]C1`, a leading FNC1/GS, GS separators), as
 * a raw element string (`00…`), in the bracketed form `(00)…(01)…`, as a Digital Link URI, or as an
 * EAN/UPC with its AIM id. Association rules are not checked: a search takes the keys it can read.
 */
export function candidates(query: string): Candidate[] {
  const text = query.trim();
  const found: Candidate[] = [{ code: text, via: 'code' }];
  const elements = gs1Elements(text);
  for (const [ai, via] of KEYS) {
    const element = elements.find((e) => e.ai === ai);
    if (element && !found.some((c) => c.code === element.value)) found.push({ code: element.value, via });
  }
  return found;
}

function gs1Elements(text: string): Gs1Element[] {
  const aim = text.startsWith(']') ? lookupAim(text.slice(0, 3)) : null;
  const body = aim ? text.slice(3) : text;
  let parsed: Gs1Result | null = null;
  if (aim?.gs1 === 'gtin') parsed = gtinFromRetailCode(aim.id, body);
  else if (looksLikeHri(body)) parsed = parseHri(body, { associations: false });
  else if (/^https?:/i.test(body)) parsed = parseDigitalLink(body, { associations: false });
  else if (/^\x1d?\d{2}/.test(body)) parsed = parseElementString(body, { associations: false });
  // A value that failed a later check still names its key: the elements read before the failure count.
  return parsed?.elements ?? [];
}
