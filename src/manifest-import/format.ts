import path from 'node:path';
import type { ErrorList } from './errors';

export type Format = 'csv' | 'xlsx';

const ZIP = [0x50, 0x4b, 0x03, 0x04]; // "PK\3\4": an .xlsx is a zip of XML parts
const OLE = [0xd0, 0xcf, 0x11, 0xe0]; // the old binary .xls
const startsWith = (bytes: Buffer, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/** The format the name says, checked against what the bytes are; a mismatch is an error, never a guess. */
export function detectFormat(name: string, bytes: Buffer, errors: ErrorList): Format | null {
  const ext = path.extname(name).toLowerCase();
  const zip = startsWith(bytes, ZIP);
  if (ext === '.csv') {
    if (zip) errors.add(null, null, 'the name says .csv, but the content is a zip (an .xlsx workbook?): save it as CSV, or name it .xlsx');
    else if (startsWith(bytes, OLE)) errors.add(null, null, 'the name says .csv, but the content is an old .xls workbook: save it as CSV UTF-8');
    return errors.empty ? 'csv' : null;
  }
  if (ext === '.xlsx') {
    if (startsWith(bytes, OLE)) errors.add(null, null, 'the content is an old .xls workbook, not .xlsx: save it as an Excel workbook (.xlsx)');
    else if (!zip) errors.add(null, null, 'the name says .xlsx, but the content is not an .xlsx workbook (which is a zip): a CSV file must be named .csv');
    return errors.empty ? 'xlsx' : null;
  }
  errors.add(null, null, `"${ext || name}" files are not manifests: a manifest is a .csv or .xlsx file`);
  return null;
}
