/** Writes one line to stdout, waiting when the pipe is full so a slow reader never makes us buffer without bound. */
export function writeLine(line: string): Promise<void> {
  if (process.stdout.write(`${line}\n`)) return Promise.resolve();
  return new Promise((resolve) => process.stdout.once('drain', () => resolve()));
}
