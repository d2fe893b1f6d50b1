import type { CodeClass } from '../api';
import { createDecoder } from './decode';
import type { Gs1Element } from './gs1/element-string';
import type { ScanRules } from './rules';

/** One output line of `station decode`: JSON-serialisable, fields in a fixed order. */
export interface DecodedLine {
  /** The line's bytes as lowercase hex (exact, whatever they are). */
  raw: string;
  aim: string | null;
  symbology: string | null;
  text: string;
  gs1: Gs1Element[] | null;
  class: CodeClass;
  valid: boolean;
  error: string | null;
}

const LF = 0x0a;
const CR = 0x0d;

function hex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += (b < 16 ? '0' : '') + b.toString(16);
  return s;
}

/**
 * Cuts a chunk of input into LF-terminated lines, for streaming: `rest` is the unterminated tail to
 * prepend to the next chunk (and to decode as the last line at end of input, if not empty).
 */
export function splitLines(chunk: Uint8Array): { lines: Uint8Array[]; rest: Uint8Array } {
  const lines: Uint8Array[] = [];
  let start = 0;
  for (let i = chunk.indexOf(LF); i >= 0; i = chunk.indexOf(LF, start)) {
    lines.push(chunk.subarray(start, i));
    start = i + 1;
  }
  return { lines, rest: chunk.subarray(start) };
}

/**
 * The decoder for one line: the line's bytes exactly as read (a GS byte is a GS byte), minus the LF
 * and one CR before it (files written on Windows).
 */
export function createLineDecoder(rules: ScanRules, deviceId = 'stdin'): (line: Uint8Array, now?: number) => DecodedLine {
  const decode = createDecoder(rules);
  return (line, now = 0) => {
    const bytes = line.length > 0 && line[line.length - 1] === CR ? line.subarray(0, line.length - 1) : line;
    const d = decode({ deviceId, bytes, firstByteAt: now, receivedAt: now });
    return { raw: hex(bytes), aim: d.aim, symbology: d.symbology, text: d.text, gs1: d.gs1, class: d.codeClass, valid: d.valid, error: d.error };
  };
}

/** Decodes a whole input: one result per line (a final line without LF counts too). */
export function decodeLines(input: Uint8Array, rules: ScanRules): DecodedLine[] {
  const decodeLine = createLineDecoder(rules);
  const { lines, rest } = splitLines(input);
  if (rest.length > 0) lines.push(rest);
  return lines.map((line) => decodeLine(line));
}
