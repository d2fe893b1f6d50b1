import type { CommandReply, ProtocolOptions, ScaleCommand, ScaleProtocol } from './protocol';
import { parseDecimal, parseUnit, printable, toGrams, type ScaleReading } from './reading';

/**
 * METTLER TOLEDO Standard Interface Command Set (MT-SICS), level 0/1: commands and replies are ASCII
 * lines ending CR LF.
 *
 * | command | meaning | replies |
 * |---|---|---|
 * | `S` | stable weight (waits for stability) | `S S <value> <unit>`, `S I`, `S +`, `S -` |
 * | `SI` | weight immediately | `S S …` (stable), `S D …` (dynamic), `S I`, `S +`, `S -` |
 * | `Z` | zero (when stable) | `Z A`, `Z I`, `Z +`, `Z -` |
 * | `T` | tare (when stable) | `T S <value> <unit>`, `T I`, `T +`, `T -` |
 *
 * Any command may instead get `ES` (syntax error: not understood), `ET` (transmission error: e.g.
 * parity) or `EL` (logical error: cannot be carried out).
 */
const COMMANDS: Record<ScaleCommand, string> = { weigh: 'SI', 'weigh-now': 'SI', zero: 'Z', tare: 'T' };

const ERRORS: Record<string, string> = {
  ES: 'the scale did not understand the command (ES, syntax error)',
  ET: 'the scale received a garbled command (ET, transmission error: check baud rate and parity)',
  EL: 'the scale cannot carry out the command (EL, logical error)',
};

function generalError(line: string): { kind: 'error'; detail: string } | undefined {
  const detail = ERRORS[line.trim()];
  return detail ? { kind: 'error', detail } : undefined;
}

/** `<value> <unit>` after the status letter: "     100.00 g". */
function valueAndUnit(rest: string): { value: number; unit: NonNullable<ReturnType<typeof parseUnit>> } | undefined {
  const match = /^\s*([+-]?\s*[\d.]+)\s+(\S+)\s*$/.exec(rest);
  if (!match) return undefined;
  const value = parseDecimal(match[1]!);
  const unit = parseUnit(match[2]!);
  return value === undefined || !unit ? undefined : { value, unit };
}

export function mtSics(_options: ProtocolOptions = {}): ScaleProtocol {
  return {
    name: 'mt-sics',
    mode: 'request-reply',
    supports: new Set<ScaleCommand>(['weigh', 'weigh-now', 'zero', 'tare']),
    terminator: '\r\n',
    encode: (command) => `${COMMANDS[command]}\r\n`,
    parseWeight(line): ScaleReading | undefined {
      const error = generalError(line);
      if (error) return error;
      const match = /^S ([SDI+-])(.*)$/.exec(line);
      if (!match) return undefined;
      const [, status, rest = ''] = match;
      if (status === 'I') return { kind: 'unstable', detail: 'the scale could not give a stable weight (S I: busy or not stable in time)' };
      if (status === '+') return { kind: 'overload', detail: 'the scale is overloaded (S +): take the load off' };
      if (status === '-') return { kind: 'underload', detail: 'the scale is below zero (S -): check the pan and zero it' };
      const weight = valueAndUnit(rest);
      if (!weight) return undefined;
      return { kind: 'weight', grams: toGrams(weight.value, weight.unit), stable: status === 'S', unit: weight.unit };
    },
    parseCommandReply(command, line): CommandReply | undefined {
      const error = generalError(line);
      if (error) return error;
      const letter = command === 'zero' ? 'Z' : 'T';
      const match = new RegExp(`^${letter} ([ASI+-])(.*)$`).exec(line);
      if (!match) return undefined;
      const [, status, rest = ''] = match;
      if (status === 'I') return { kind: 'refused', detail: `${command} not carried out (${letter} I: the scale is busy or not stable)` };
      if (status === '+') return { kind: 'overload', detail: `${command} not carried out (${letter} +: above the ${command} range)` };
      if (status === '-') return { kind: 'underload', detail: `${command} not carried out (${letter} -: below the ${command} range)` };
      if (command === 'zero' && status === 'A') return { kind: 'done' };
      if (command === 'tare' && status === 'S') {
        const weight = valueAndUnit(rest);
        return weight ? { kind: 'done', grams: toGrams(weight.value, weight.unit) } : { kind: 'error', detail: `unreadable tare reply "${printable(line)}"` };
      }
      return undefined;
    },
  };
}
