import fs from 'node:fs/promises';

const LF = 0x0a;
const CR = 0x0d;

/**
 * Reads a replay file: one code per line, LF or CRLF line ends, blank lines skipped. Codes are kept
 * as bytes, so a GS (0x1D) or any other control byte in the file reaches the pipeline exactly.
 */
export async function readReplayFile(file: string): Promise<Uint8Array[]> {
  return splitLines(await fs.readFile(file));
}

export function splitLines(content: Uint8Array): Uint8Array[] {
  const codes: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i <= content.length; i++) {
    if (i < content.length && content[i] !== LF) continue;
    let end = i;
    if (end > start && content[end - 1] === CR) end -= 1;
    if (end > start) codes.push(content.slice(start, end));
    start = i + 1;
  }
  return codes;
}
