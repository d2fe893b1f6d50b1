import fs from 'node:fs/promises';
import { CapturedScan, parseCaptureLine } from './capture-format';

export interface CaptureLineError {
  line: number;
  message: string;
}

export interface Capture {
  file: string;
  scans: CapturedScan[];
  /** Lines that could not be read; the rest of the file is still used. */
  errors: CaptureLineError[];
}

/**
 * Reads a capture file (JSON lines). A malformed line becomes an error naming its line number and
 * what is wrong, and reading goes on; blank lines are skipped. A missing or unreadable file throws.
 */
export async function readCapture(file: string): Promise<Capture> {
  const scans: CapturedScan[] = [];
  const errors: CaptureLineError[] = [];
  // Opening first makes a missing file a plain ENOENT rejection; streamed lines keep memory flat.
  const handle = await fs.open(file, 'r');
  try {
    let number = 0;
    for await (const text of handle.readLines({ encoding: 'utf8' })) {
      number += 1;
      if (text.trim() === '') continue;
      try {
        scans.push(parseCaptureLine(text));
      } catch (error) {
        errors.push({ line: number, message: `${file}:${number}: ${(error as Error).message}` });
      }
    }
  } finally {
    await handle.close().catch(() => undefined);
  }
  return { file, scans, errors };
}
