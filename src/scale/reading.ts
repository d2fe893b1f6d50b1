/**
 * What a scale said, whatever its protocol: a weight (stable or still moving), or the reason there is
 * none. Pure data: the parsers in this folder make these, the stability filter and the transport use them.
 */
export type WeightUnit = 'g' | 'kg' | 'mg' | 'lb' | 'oz';

export type ScaleReading =
  | { kind: 'weight'; grams: number; stable: boolean; unit: WeightUnit }
  | { kind: 'overload' | 'underload' | 'unstable' | 'error'; detail: string };

const GRAMS_PER: Record<WeightUnit, number> = { g: 1, kg: 1000, mg: 0.001, lb: 453.59237, oz: 28.349523125 };

/** The unit a scale printed ("kg", "KG", " g"), or undefined for one we do not know. */
export function parseUnit(text: string): WeightUnit | undefined {
  const unit = text.trim().toLowerCase();
  return unit in GRAMS_PER ? (unit as WeightUnit) : undefined;
}

/** A value in `unit` as grams, rounded to a milligram so equal readings compare equal. */
export function toGrams(value: number, unit: WeightUnit): number {
  return Math.round(value * GRAMS_PER[unit] * 1000) / 1000;
}

/** A signed decimal as scales print it: "  100.00", "-0.5", "+  1.234" (spaces between sign and digits allowed). */
export function parseDecimal(text: string): number | undefined {
  const match = /^\s*([+-]?)\s*(\d+(?:\.\d*)?|\.\d+)\s*$/.exec(text);
  if (!match) return undefined;
  const value = Number(match[2]);
  return match[1] === '-' ? -value : value;
}

/** Printable form of a line for a log or an error detail: control bytes as \xNN, capped. */
export function printable(line: string, max = 40): string {
  const shown = line.length > max ? `${line.slice(0, max)}…` : line;
  return shown.replace(/[^\x20-\x7e]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
