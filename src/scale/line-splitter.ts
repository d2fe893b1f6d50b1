/**
 * Cuts a scale's byte stream into lines at the protocol's terminator. Bytes are read as latin1, so
 * any byte (garbage, a status byte) survives as one character. A line longer than `maxLength` without
 * a terminator is noise: it is dropped, and reading resumes at the next terminator.
 */
export class LineSplitter {
  private buffer = '';
  private overflowing = false;

  constructor(private readonly terminator: string, private readonly maxLength = 256) {
    if (!terminator) throw new Error('a line terminator is needed');
  }

  /** Feeds bytes; returns the complete lines they finish (without the terminator). */
  push(chunk: Uint8Array | string): string[] {
    this.buffer += typeof chunk === 'string' ? chunk : latin1(chunk);
    const lines: string[] = [];
    for (;;) {
      const at = this.buffer.indexOf(this.terminator);
      if (at < 0) break;
      const line = this.buffer.slice(0, at);
      this.buffer = this.buffer.slice(at + this.terminator.length);
      if (this.overflowing) this.overflowing = false;
      else lines.push(line.replace(/^[\r\n]+/, '')); // a stray CR or LF between lines is no line
    }
    if (this.buffer.length > this.maxLength) {
      this.buffer = '';
      this.overflowing = true;
    }
    return lines;
  }

  reset(): void {
    this.buffer = '';
    this.overflowing = false;
  }
}

function latin1(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return text;
}
