import type { CodeClass } from '../api';
import type { RawScan } from '../ports';
import { isAimId, leadingAim, lookupAim, type Symbology } from './aim';
import { classify, compileRules, type CompiledRules } from './classify';
import { parseDigitalLink } from './gs1/digital-link';
import { GS, looksLikeHri, parseElementString, parseHri, type Gs1Element, type Gs1Result } from './gs1/element-string';
import { gtinFromRetailCode } from './gs1/gtin';
import { NO_SYMBOLOGY, type ScanRules } from './rules';
import { scanText } from './text';

/** One decoded scan: the same shape whatever transport it came from. */
export interface DecodedScan {
  raw: Uint8Array;
  deviceId: string;
  firstByteAt: number;
  receivedAt: number;
  /** AIM symbology identifier (`]C1`), from the data or reported out of band (HID POS); null when none. */
  aim: string | null;
  /** Symbology id (`gs1-128`, `ean-13`, `qr` …); null without an AIM id or for an unknown one. */
  symbology: string | null;
  /** The decoded text without the AIM id and the configured prefix/suffix; GS stays a GS. */
  text: string;
  gs1: Gs1Element[] | null;
  codeClass: CodeClass;
  /** e.g. `CLOSE` for `CMD:CLOSE`. */
  command: string | null;
  /** What identifies the scanned thing: the value of the GS1 AI that classified it, else `text`. */
  key: string;
  valid: boolean;
  /** Set exactly when `valid` is false: the specific reason. */
  error: string | null;
}

export type Decoder = (raw: RawScan) => DecodedScan;

function strip(text: string, rules: CompiledRules): string {
  let t = text;
  if (rules.stripPrefix && t.startsWith(rules.stripPrefix)) t = t.slice(rules.stripPrefix.length);
  if (rules.stripSuffix && t.endsWith(rules.stripSuffix)) t = t.slice(0, t.length - rules.stripSuffix.length);
  return t;
}

/** GS1 data by what the symbology says, or by what the text looks like when it says nothing. */
function gs1Of(sym: Symbology | null, text: string): Gs1Result | null {
  if (sym?.gs1 === 'element-string') return parseElementString(text);
  if (sym?.gs1 === 'gtin') return gtinFromRetailCode(sym.id, text);
  if (text.startsWith(GS)) return parseElementString(text); // FNC1 sent as a leading GS, no AIM id
  if (looksLikeHri(text)) return parseHri(text);
  const c = text.charCodeAt(0);
  if (c === 0x68 || c === 0x48) return parseDigitalLink(text); // h/H: a URI
  return null;
}

function symbologyRefusal(rules: CompiledRules, aim: string | null, sym: Symbology | null): string | null {
  if (rules.symbologies === null) return null;
  const id = aim === null ? NO_SYMBOLOGY : sym?.id ?? null;
  if (id !== null && rules.symbologies.has(id)) return null;
  if (aim === null) return 'scan has no symbology identifier (AIM) and "none" is not in scanRules.symbologies';
  return `symbology ${sym ? `${sym.name} (${sym.id})` : `with AIM id ${aim}`} is not allowed at this station (scanRules.symbologies)`;
}

/**
 * Builds the decoder for a station's rules (regexes compiled once). The decoder never throws:
 * garbled input gives `valid: false` with the reason.
 */
export function createDecoder(rules: ScanRules): Decoder {
  const compiled = compileRules(rules);
  return (raw: RawScan): DecodedScan => {
    let aim = raw.aim !== undefined && isAimId(raw.aim) ? raw.aim : null;
    const inData = aim === null ? leadingAim(raw.bytes) : null;
    aim ??= inData;
    const sym = aim === null ? null : lookupAim(aim);
    // scanText cuts the AIM id off the string: cheaper than a subarray view per scan.
    const decoded = scanText(raw.bytes, inData === null ? 0 : 3);
    const text = strip(decoded.text, compiled);
    let error = decoded.error ?? (text.length === 0 ? 'empty scan (no data after the symbology identifier and prefix/suffix)' : null);
    error ??= symbologyRefusal(compiled, aim, sym);
    let gs1: Gs1Element[] | null = null;
    if (error === null) {
      const parsed = gs1Of(sym, text);
      if (parsed) {
        gs1 = parsed.elements;
        if (!parsed.ok) error = parsed.error;
      }
    }
    const cls = error === null ? classify(compiled, text, gs1) : null;
    return {
      raw: raw.bytes,
      deviceId: raw.deviceId,
      firstByteAt: raw.firstByteAt,
      receivedAt: raw.receivedAt,
      aim,
      symbology: sym?.id ?? null,
      text,
      gs1,
      codeClass: cls?.codeClass ?? 'unknown',
      command: cls?.command ?? null,
      key: cls?.key ?? text,
      valid: error === null,
      error,
    };
  };
}
