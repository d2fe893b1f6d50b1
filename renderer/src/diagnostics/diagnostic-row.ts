import type { DiagnosticScan } from '../api';
import { timeOfDay } from '../format/time-of-day';
import { translate as t } from '../i18n';

/** One scan as the diagnostics table shows it. Text fields stay raw: the table marks their control characters. */
export interface DiagnosticRow {
  time: string;
  device: string;
  /** The bytes, two hex digits each, space-separated so the cell can wrap between bytes. */
  hex: string;
  text: string;
  aim: string;
  symbology: string;
  gs1: Array<{ ai: string; value: string }>;
  codeClass: string;
  valid: boolean;
  /** Why the scan is invalid; null when it is valid. */
  error: string | null;
  duplicate: boolean;
}

/** `5d4331` → `5d 43 31`. Anything that is not pairs of hex digits is shown as it came. */
export function spacedHex(hex: string): string {
  return /^(?:[0-9a-f]{2})*$/i.test(hex) ? (hex.match(/../g) ?? []).join(' ') : hex;
}

/** The symbology in words: `unknown` for an AIM id the table lacks, `—` when the scan had no AIM id. */
function symbologyOf(scan: DiagnosticScan): string {
  if (scan.symbology) return scan.symbology;
  return scan.aim ? t('diagnostics.unknownSymbology') : '—';
}

/** Words in the kiosk's current language (the table re-renders when it changes). */
export function diagnosticRow(scan: DiagnosticScan): DiagnosticRow {
  return {
    time: timeOfDay(scan.at, { ms: true }),
    device: scan.deviceId,
    hex: spacedHex(scan.hex),
    text: scan.text,
    aim: scan.aim ?? t('diagnostics.noAim'),
    symbology: symbologyOf(scan),
    gs1: scan.gs1 ?? [],
    codeClass: scan.codeClass,
    valid: scan.valid,
    error: scan.valid ? null : (scan.error ?? t('diagnostics.noReason')),
    duplicate: scan.duplicate,
  };
}
