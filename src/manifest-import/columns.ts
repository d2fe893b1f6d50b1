import type { ErrorList } from './errors';

/** The columns a manifest file may have, by their canonical name. */
export const COLUMNS = ['code', 'gtin', 'quantity', 'lot', 'expiry', 'unit_weight_g', 'description', 'reference', 'warehouse', 'direction'] as const;
export type Column = (typeof COLUMNS)[number];

/** Other spellings people use for a column, after normalising (see `normalise`). */
const ALIASES: Record<string, Column> = { manifest: 'reference' };
const REQUIRED: readonly Column[] = ['quantity', 'reference', 'warehouse'];

/** Case, spaces, underscores and hyphens do not matter: "Unit Weight G" is unit_weight_g. */
function normalise(name: string): string {
  return name.toLowerCase().replace(/[\s_-]+/g, '');
}
const BY_KEY = new Map<string, Column>([...COLUMNS.map((c) => [normalise(c), c] as const), ...Object.entries(ALIASES)]);

/** Where each known column is, and its name as the file's header spells it (for messages). */
export interface ColumnMap {
  index: Partial<Record<Column, number>>;
  label: Partial<Record<Column, string>>;
  /** Positions with no header text: a value there is an error. */
  unnamed: Set<number>;
}

/** Maps the header to columns; unknown, repeated or missing columns are errors (the file is refused). */
export function mapColumns(header: string[], headerLine: number, errors: ErrorList): ColumnMap | null {
  const map: ColumnMap = { index: {}, label: {}, unnamed: new Set() };
  const before = errors.list().length;
  header.forEach((name, i) => {
    if (name === '') {
      map.unnamed.add(i);
      return;
    }
    const column = BY_KEY.get(normalise(name));
    if (!column) {
      errors.add(headerLine, name, `unknown column; the known columns are ${COLUMNS.join(', ')} (manifest is another name for reference)`);
    } else if (map.index[column] !== undefined) {
      errors.add(headerLine, name, `the column ${column} appears twice (columns ${map.index[column]! + 1} and ${i + 1})`);
    } else {
      map.index[column] = i;
      map.label[column] = name;
    }
  });
  for (const column of REQUIRED) {
    if (map.index[column] === undefined) errors.add(headerLine, column, 'this required column is missing');
  }
  if (map.index.code === undefined && map.index.gtin === undefined) errors.add(headerLine, 'code', 'a column code or gtin is required (or both)');
  return errors.list().length === before ? map : null;
}
