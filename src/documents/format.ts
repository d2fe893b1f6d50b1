/** Figures as the printed documents show them. */

/** Grams as kilograms with 3 decimals ("12.345"): the scale's resolution, never rounded to less. */
export function kg(grams: number): string {
  return (grams / 1000).toFixed(3);
}

/** The document's date, checked: it becomes the PDF's CreationDate, so the same input gives the same bytes. */
export function documentDate(iso: string): Date {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new Error(`not a date: ${JSON.stringify(iso)} (expected an ISO 8601 time)`);
  return date;
}

const ISO = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** "2025-06-01T14:03:27.120Z" → "2025-06-01 14:03 UTC": the time as the caller gave it, zone kept. */
export function printedTime(iso: string): string {
  const m = ISO.exec(iso);
  if (!m) return iso;
  const zone = m[3] === 'Z' ? ' UTC' : m[3] ? ` ${m[3]}` : '';
  return `${m[1]} ${m[2]}${zone}`;
}
