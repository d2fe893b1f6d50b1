import type { ManifestLine } from '../workflows/manifest/contract';
import type { Column, ColumnMap } from './columns';
import type { ErrorList } from './errors';
import type { Cell, Table } from './table';
import { directionValue, expiryValue, gtinValue, Invalid, quantityValue, textValue, weightValue } from './values';

/** The manifest a file describes, before its format is attached. */
export interface Manifest {
  reference: string;
  warehouse: string;
  direction: 'out' | 'in';
  lines: ManifestLine[];
}

/** The manifest-level columns: the same value on every line, first seen on `line`. */
type Shared = { value: string; line: number } | null;

/**
 * Turns the table's rows into manifest lines, checking each cell by hand (a schema parse per row
 * costs more than the checks). Every problem is collected, up to the list's cap.
 */
export function toManifest(table: Table, map: ColumnMap, errors: ErrorList, thisYear: number): Manifest | null {
  const at = map.index;
  const name = (c: Column) => map.label[c] ?? c;
  const cellAt = (cells: Cell[], i: number | undefined): Cell => (i === undefined ? null : cells[i] ?? null);
  const shared: Record<'reference' | 'warehouse' | 'direction', Shared> = { reference: null, warehouse: null, direction: null };
  const seen = new Map<string, number>();
  const lines: ManifestLine[] = [];

  for (const { line, cells } of table.rows) {
    let ok = true;
    function check<T>(column: Column, value: T | Invalid): T | null {
      if (value instanceof Invalid) {
        errors.add(line, name(column), value.message);
        ok = false;
        return null;
      }
      return value;
    }
    const same = (column: 'reference' | 'warehouse' | 'direction', value: string | null) => {
      if (value === null) return;
      const first = shared[column];
      if (first === null) shared[column] = { value, line };
      else if (first.value !== value) check(column, new Invalid(`"${value}" differs from "${first.value}" on line ${first.line}: a file holds one manifest`));
    };

    const code = check('code', textValue(cellAt(cells, at.code), 100));
    const gtin = check('gtin', gtinValue(cellAt(cells, at.gtin)));
    const lot = check('lot', textValue(cellAt(cells, at.lot), 20));
    const expiry = check('expiry', expiryValue(cellAt(cells, at.expiry), thisYear));
    const quantity = check('quantity', quantityValue(cellAt(cells, at.quantity)));
    const unitWeightG = check('unit_weight_g', weightValue(cellAt(cells, at.unit_weight_g)));
    const description = check('description', textValue(cellAt(cells, at.description), 200));
    const reference = check('reference', textValue(cellAt(cells, at.reference), 100));
    const warehouse = check('warehouse', textValue(cellAt(cells, at.warehouse), 40));
    const direction = check('direction', directionValue(cellAt(cells, at.direction)));
    same('reference', reference);
    same('warehouse', warehouse);
    same('direction', direction);

    // A value under no header (an unnamed column, or past the header's end) would be silently lost.
    for (let i = 0; i < cells.length; i++) {
      if (i < table.header.length && !map.unnamed.has(i)) continue;
      const c = cells[i];
      if (c !== null && c !== undefined && !(typeof c === 'string' && c.trim() === '')) {
        errors.add(line, null, `column ${i + 1} has a value but no name in the header`);
        ok = false;
      }
    }
    if (quantity === null && ok) check('quantity', new Invalid('a quantity is required'));
    if (reference === null && ok) check('reference', new Invalid('a reference is required on every line'));
    if (warehouse === null && ok) check('warehouse', new Invalid('a warehouse is required on every line'));
    if (code !== null && gtin !== null) check('gtin', new Invalid(`a line names a code or a GTIN, not both (code "${code}")`));
    else if (code === null && gtin === null && ok) check(at.gtin === undefined ? 'code' : 'gtin', new Invalid('a line needs a code or a GTIN'));
    if (!ok) continue;

    const key = `${gtin ?? code}\u0000${lot ?? ''}\u0000${expiry ?? ''}`;
    const twin = seen.get(key);
    if (twin !== undefined) {
      const what = [gtin ?? code, lot === null ? null : `lot ${lot}`, expiry === null ? null : `expiry ${expiry}`].filter(Boolean).join(', ');
      errors.add(line, name(gtin !== null ? 'gtin' : 'code'), `lines ${twin} and ${line} name the same product, lot and expiry (${what}); put them on one line`);
      continue;
    }
    seen.set(key, line);
    lines.push({ line, code, gtin, lot, expiry, quantity: quantity!, unitWeightG, description });
  }

  if (table.rows.length === 0 && errors.empty) errors.add(null, null, 'the file has a header but no lines');
  if (!errors.empty) return null;
  return { reference: shared.reference!.value, warehouse: shared.warehouse!.value, direction: (shared.direction?.value ?? 'out') as 'out' | 'in', lines };
}
