import { isAimId } from './aim';

/**
 * Where the fields of HID POS scanned-data input report 0x02 sit, per vendor. Offsets are into the
 * 63-byte payload after the report id (report byte N is payload byte N-1). All three send the data
 * length first and the "decode data continued" flag (bit 0) last; they differ in between:
 *
 * - honeywell (Xenon, Voyager; also Access-IS and the HID POS usage tables' own order): report [1]
 *   length, [2..4] AIM id, [5..60] data, [61] one-byte vendor code id, [63] continued.
 * - zebra: [1] length, [2] 0x00, [3..5] symbology id (not always a valid AIM id: EAN-13 arrives as
 *   `]Xg`), [6..61] data, [62] code id, [63] continued.
 * - newland: no AIM field. [1] length, [2..57] data, [58..61] reserved, [62] one-byte Newland id
 *   (0x00 when off), [63] continued.
 */
export type HidPosLayoutName = 'honeywell' | 'zebra' | 'newland';
export const HID_POS_LAYOUTS: readonly HidPosLayoutName[] = ['honeywell', 'zebra', 'newland'];

export const PAYLOAD_LENGTH = 63;
export const MAX_DATA = 56;
const FLAGS_AT = 62;
const BRACKET = 0x5d;

interface LayoutSpec {
  /** Payload offset of the 3-byte symbology id, or null when the layout has none. */
  symbologyAt: number | null;
  dataAt: number;
  vendorIdAt: number;
  /** Shape check: why this payload cannot be a scanned-data report of this layout, or null when it can be. */
  misfit(p: Uint8Array, length: number): string | null;
}

const zebraShaped = (p: Uint8Array) => p[1] === 0x00 && p[2] === BRACKET;
const honeywellShaped = (p: Uint8Array) => p[1] === BRACKET;

const LAYOUTS: Record<HidPosLayoutName, LayoutSpec> = {
  honeywell: {
    symbologyAt: 1,
    dataAt: 4,
    vendorIdAt: 60,
    misfit: (p) => {
      if (honeywellShaped(p)) return null;
      if (zebraShaped(p)) return 'bytes [2..5] are 0x00 then a symbology id: that is the Zebra layout (set layout: zebra for this scanner)';
      return 'bytes [2..4] hold no AIM id';
    },
  },
  zebra: {
    symbologyAt: 2,
    dataAt: 5,
    vendorIdAt: 61,
    misfit: (p) => {
      if (zebraShaped(p)) return null;
      if (honeywellShaped(p)) return 'bytes [2..4] are an AIM id with no 0x00 before it: that is the Honeywell layout (set layout: honeywell for this scanner)';
      return 'byte [2] is not 0x00 followed by a symbology id';
    },
  },
  newland: {
    symbologyAt: null,
    dataAt: 1,
    vendorIdAt: 61,
    misfit: (p, length) => {
      for (let i = 57; i <= 60; i += 1) {
        if (p[i] !== 0) return `reserved byte [${i + 1}] is 0x${p[i]!.toString(16).padStart(2, '0')}, not 0x00`;
      }
      for (let i = 1 + length; i <= 56; i += 1) {
        if (p[i] !== 0) return `byte [${i + 1}] after the ${length} data bytes is not padding`;
      }
      return null;
    },
  },
};

/**
 * Zebra code types (Symbol "Code Type IDs", hex) to AIM ids, only where the AIM id is fixed by the code
 * type alone. Source: Symbol CS3000 Product Reference Guide, Appendix B, Table B-1 "Code Type IDs"
 * (https://www.easymanua.ls/motorola/symbol-cs3000-series/manual?p=129) for the code types, ISO/IEC
 * 15424 for the AIM ids. Code 39, I 2 of 5 and others depend on check-digit settings: not mapped.
 */
export const ZEBRA_CODE_TYPE_AIM: Readonly<Record<number, string>> = {
  0x03: ']C0', // Code 128
  0x08: ']E0', // UPC-A (AIM transmits it as EAN-13)
  0x09: ']E0', // UPC-E0
  0x0a: ']E4', // EAN-8
  0x0b: ']E0', // EAN-13
  0x0f: ']C1', // GS1-128
  0x23: ']e0', // GS1 DataBar Limited
  0x24: ']e0', // GS1 DataBar-14
  0x25: ']e0', // GS1 DataBar Expanded
};

/**
 * Newland one-byte ids to AIM ids. Newland's HID-POS guides (NLS-FM420 Integration Guide, "HID-POS")
 * name byte [62] "Newland Symbology Identifier" but no public Newland table of those ids was found,
 * so none is mapped: a Newland scan carries no AIM id unless the scanner prefixes it to the data.
 */
export const NEWLAND_ID_AIM: Readonly<Record<number, string>> = {};

export interface ParsedReport {
  length: number;
  data: Uint8Array;
  continued: boolean;
  /** The AIM id of this report: the layout's own field when valid, else mapped from the vendor id. */
  aim: string | null;
  /** The symbology id exactly as sent (e.g. `]Xg`), when the layout has that field. */
  symbologyId: string | null;
  vendorCodeId: number;
}

const ascii3 = (p: Uint8Array, at: number) => String.fromCharCode(p[at]!, p[at + 1]!, p[at + 2]!);

/** Reads one 63-byte payload in a layout; a string is the reason it does not fit that layout. */
export function parsePayload(layout: HidPosLayoutName, p: Uint8Array): ParsedReport | string {
  const spec = LAYOUTS[layout];
  const length = p[0]!;
  if (length > MAX_DATA) return `HID POS report claims ${length} data bytes; a report holds at most ${MAX_DATA}`;
  const misfit = spec.misfit(p, length);
  if (misfit) return `not a ${layout}-layout scanned-data report: ${misfit}`;
  const vendorCodeId = p[spec.vendorIdAt]!;
  const symbologyId = spec.symbologyAt === null ? null : ascii3(p, spec.symbologyAt);
  return {
    length,
    data: p.subarray(spec.dataAt, spec.dataAt + length),
    continued: (p[FLAGS_AT]! & 0x01) === 1,
    aim: aimFor(layout, symbologyId, vendorCodeId),
    symbologyId,
    vendorCodeId,
  };
}

/** The AIM id of a scan in this layout: its own symbology id when valid, else mapped from the vendor's code id. */
export function aimFor(layout: HidPosLayoutName, symbologyId: string | null, vendorCodeId: number): string | null {
  switch (layout) {
    case 'honeywell':
      return symbologyId && isAimId(symbologyId) ? symbologyId : null;
    case 'zebra':
      // `]X…` is AIM's "other": Zebra sends it where a documented code type names the symbology.
      if (symbologyId && isAimId(symbologyId) && symbologyId[1] !== 'X') return symbologyId;
      return ZEBRA_CODE_TYPE_AIM[vendorCodeId] ?? (symbologyId && isAimId(symbologyId) ? symbologyId : null);
    case 'newland':
      return NEWLAND_ID_AIM[vendorCodeId] ?? null;
  }
}

/**
 * Traffic on report 0x02 that is not a bar code, by layout; returns why, or null for a scan.
 * - Honeywell menu replies (e.g. to REVINF.) arrive as `]X0` reports with vendor code id 0x3F `?`,
 *   then a `]Z6` report holding the command and ACK/NAK/ENQ; AIM code `Z` is "non-bar-code data".
 *   Source: HenkVanAsselt/python_hon_usbhid README (a Voyager 1602g dump).
 * - Newland command replies carry the reply frame `02 00 <status> <len> <data…> <crc16>` as data.
 *   Source: Newland wiki "How to send and acquire data in HID POS"
 *   (https://www.newlandaidc.com/en/Services/wiki_info/435.html).
 */
export function nonScanReason(layout: HidPosLayoutName, aim: string | null, vendorCodeId: number, data: Uint8Array): string | null {
  if (layout === 'honeywell') {
    if (aim?.[1] === 'Z') return `Honeywell menu reply (${aim}: non-bar-code data, e.g. a command ACK), not a scan`;
    if (aim === ']X0' && vendorCodeId === 0x3f) return 'Honeywell menu reply (]X0 with code id "?"), not a scan';
    return null;
  }
  if (layout === 'newland') {
    if (data.length >= 6 && data[0] === 0x02 && data[1] === 0x00 && data[3]! + 6 === data.length) {
      return `Newland command reply (status 0x${data[2]!.toString(16).padStart(2, '0')}), not a scan`;
    }
  }
  return null;
}
