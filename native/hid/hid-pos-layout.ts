import type { HidPosLayoutName } from '../../src/scan/hid-pos-layouts';
import table from './hid-pos-layouts.json';
import { hex4 } from './device-match';

interface LayoutEntry {
  vendorId: number;
  productId?: number;
  layout: HidPosLayoutName;
  name: string;
}

export interface LayoutChoice {
  layout: HidPosLayoutName;
  /** Why this layout, for the log and the docs: "config", a table entry's name, or the default. */
  because: string;
}

const ENTRIES = table.devices as LayoutEntry[];

/**
 * The report layout of a HID POS scanner: the config's `layout:` when set, else the table entry for
 * its vendor and product id, else the vendor's entry, else the HID POS usage tables' order
 * ('honeywell'). Never a guess from the report bytes: a report that does not fit the chosen layout
 * is refused with a reason that names the layout to configure.
 */
export function layoutFor(ids: { vendorId: number; productId: number }, override?: HidPosLayoutName): LayoutChoice {
  if (override) return { layout: override, because: 'the scanner config sets layout' };
  const product = ENTRIES.find((e) => e.vendorId === ids.vendorId && e.productId === ids.productId);
  if (product) return { layout: product.layout, because: `layout table: ${product.name}` };
  const vendor = ENTRIES.find((e) => e.vendorId === ids.vendorId && e.productId === undefined);
  if (vendor) return { layout: vendor.layout, because: `layout table: ${vendor.name}` };
  return { layout: 'honeywell', because: `no layout table entry for ${hex4(ids.vendorId)}:${hex4(ids.productId)}: the HID POS usage tables' order` };
}
