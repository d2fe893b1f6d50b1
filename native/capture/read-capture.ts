import fs from 'node:fs/promises';
import { type CapturedReport, CapturedScan, parseCaptureLine } from './capture-format';
import { type NotAScan, reassembleCapture } from './reassemble';

export interface CaptureLineError {
  line: number;
  message: string;
}

export interface Capture {
  file: string;
  /** Scan lines as recorded, and the scans reassembled again from raw HID POS report lines. */
  scans: CapturedScan[];
  /** Raw report lines that reassembled into something other than a scan (menu or command replies). */
  notScans: NotAScan[];
  /** Lines that could not be read; the rest of the file is still used. */
  errors: CaptureLineError[];
}

/**
 * Reads a capture file (JSON lines). A malformed line becomes an error naming its line number and
 * what is wrong, and reading goes on; blank lines are skipped. A missing or unreadable file throws.
 * Raw HID POS report lines are reassembled into scans here, so every replay reassembles again.
 */
export async function readCapture(file: string): Promise<Capture> {
  const items: (CapturedScan | CapturedReport)[] = [];
  const errors: CaptureLineError[] = [];
  // Opening first makes a missing file a plain ENOENT rejection; streamed lines keep memory flat.
  const handle = await fs.open(file, 'r');
  try {
    let number = 0;
    for await (const text of handle.readLines({ encoding: 'utf8' })) {
      number += 1;
      if (text.trim() === '') continue;
      try {
        items.push(parseCaptureLine(text));
      } catch (error) {
        errors.push({ line: number, message: `${file}:${number}: ${(error as Error).message}` });
      }
    }
  } finally {
    await handle.close().catch(() => undefined);
  }
  const { scans, notScans } = reassembleCapture(items);
  return { file, scans, notScans, errors };
}
