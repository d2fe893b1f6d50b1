import readline from 'node:readline';

/** One line from a TTY without echoing it (a PIN must never show on screen or in a terminal log). */
function askHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const rl = readline.createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    const output = rl as unknown as { _writeToOutput(text: string): void };
    let asked = false;
    output._writeToOutput = (text: string) => {
      if (!asked) { process.stderr.write(text); asked = true; }
    };
    rl.question(question, (answer) => { rl.close(); process.stderr.write('\n'); resolve(answer); });
    rl.on('SIGINT', () => { rl.close(); reject(new Error('cancelled')); });
  });
}

/** The first line of stdin (a PIN piped in by a script). */
async function firstLine(): Promise<string> {
  const rl = readline.createInterface({ input: process.stdin, terminal: false });
  for await (const line of rl) { rl.close(); return line; }
  return '';
}

/** On a TTY: asked twice, hidden, and the two must match. Otherwise: the first line of stdin. */
export async function readPin(): Promise<string> {
  if (!process.stdin.isTTY) return (await firstLine()).trim();
  const first = await askHidden('PIN (4 to 8 digits): ');
  const again = await askHidden('PIN again: ');
  if (first !== again) throw new Error('the two PINs differ');
  return first.trim();
}
