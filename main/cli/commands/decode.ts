import { createLineDecoder, splitLines } from '../../../src/scan/decode-lines';
import { EXIT, type Command } from '../command';
import { configFromFlags } from '../config-flags';
import { writeLine } from '../stdout-lines';

/**
 * `station decode`: raw scans on stdin, one per line, bytes exactly as read (a GS byte stays a GS
 * byte); one JSON object per line on stdout. Invalid scans are output too (`valid: false` and the
 * reason), so the exit code is 0 whenever the input could be read.
 */
export const decode: Command = {
  name: 'decode',
  summary: 'decode raw scans from stdin (one per line) into JSON lines: raw, aim, symbology, text, gs1, class, valid, error',
  usage: '[--config FILE]',
  options: { config: { type: 'string', short: 'c' } },
  async run(values) {
    // Only the scan rules matter here: from --config (or STATION_CONFIG), else the defaults.
    const decodeLine = createLineDecoder(configFromFlags(values).scanRules);
    let rest: Uint8Array = new Uint8Array(0);
    for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
      const split = splitLines(rest.length ? Buffer.concat([rest, chunk]) : chunk);
      for (const line of split.lines) await writeLine(JSON.stringify(decodeLine(line)));
      rest = Uint8Array.from(split.rest); // a copy: the chunk's buffer may be reused
    }
    if (rest.length > 0) await writeLine(JSON.stringify(decodeLine(rest)));
    return EXIT.ok;
  },
};
