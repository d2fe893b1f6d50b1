import type { CommandReply, ProtocolOptions, ScaleCommand, ScaleProtocol } from './protocol';
import { unsupported } from './protocol';
import { parseDecimal, printable, toGrams, type ScaleReading } from './reading';

const STX = '\x02';

/**
 * Status byte bits of the 8217 (and 8213) demand protocol, 1 = true. Bits 5 and 6 are always 1, bit 7
 * is the parity bit of the 7E1 line (stripped by the UART; masked here in case it is not).
 */
export const TOLEDO_STATUS = {
  motion: 0x01,
  outOfRange: 0x02, // over capacity
  underZero: 0x04,
  outsideZeroCapture: 0x08,
  centerOfZero: 0x10,
} as const;

/**
 * Toledo 8217 "demand" protocol (POS scales and scanner-scales), usually 9600 baud 7E1. The host sends
 * a single `W`; the scale answers `<STX>weight<CR>` (digits with a decimal point, in the scale's
 * configured unit: it prints none) when the weight is valid, otherwise a status record
 * `<STX>?<status byte><CR>` (in motion, over capacity, under zero …). `Z` zeroes the scale and is
 * answered with a status record. There is no tare command.
 */
export function toledo8217(options: ProtocolOptions = {}): ScaleProtocol {
  const unit = options.unit ?? 'kg';
  return {
    name: 'toledo-8217',
    mode: 'request-reply',
    supports: new Set<ScaleCommand>(['weigh', 'weigh-now', 'zero']),
    terminator: '\r',
    encode(command) {
      if (command === 'tare') throw unsupported('toledo-8217', command);
      return command === 'zero' ? 'Z' : 'W';
    },
    parseWeight(raw): ScaleReading | undefined {
      const line = stripStx(raw);
      if (line === undefined) return undefined;
      if (line.startsWith('?')) return statusReading(line);
      if (!/^[\d.\s+-]+$/.test(line)) return undefined;
      const value = parseDecimal(line);
      if (value === undefined) return undefined;
      // A weight record is only sent for a valid weight: stable, in range, not below zero.
      return { kind: 'weight', grams: toGrams(value, unit), stable: true, unit };
    },
    parseCommandReply(command, raw): CommandReply | undefined {
      if (command === 'tare') return undefined;
      const line = stripStx(raw);
      if (line === undefined || !line.startsWith('?') || line.length < 2) return undefined;
      const status = line.charCodeAt(1) & 0x7f;
      if (status & TOLEDO_STATUS.outOfRange) return { kind: 'overload', detail: 'zero not carried out: the scale is over capacity' };
      if (status & TOLEDO_STATUS.motion) return { kind: 'refused', detail: 'zero not carried out: the scale is in motion' };
      if (status & TOLEDO_STATUS.outsideZeroCapture) return { kind: 'refused', detail: 'zero not carried out: the load is outside the zero range' };
      return status & TOLEDO_STATUS.centerOfZero ? { kind: 'done' } : { kind: 'refused', detail: `zero not confirmed (status 0x${status.toString(16)})` };
    },
  };
}

function stripStx(raw: string): string | undefined {
  const at = raw.lastIndexOf(STX); // garbage before the STX is dropped with it
  return at < 0 ? undefined : raw.slice(at + 1);
}

function statusReading(line: string): ScaleReading {
  if (line.length < 2) return { kind: 'error', detail: `status record without a status byte "${printable(line)}"` };
  const status = line.charCodeAt(1) & 0x7f;
  if (status & TOLEDO_STATUS.outOfRange) return { kind: 'overload', detail: 'the scale is over capacity: take the load off' };
  if (status & TOLEDO_STATUS.underZero) return { kind: 'underload', detail: 'the scale is below zero: check the pan and zero it' };
  if (status & TOLEDO_STATUS.motion) return { kind: 'unstable', detail: 'the scale is in motion' };
  if (status & TOLEDO_STATUS.outsideZeroCapture) return { kind: 'error', detail: 'the scale was not zeroed at power-up (outside the zero capture range)' };
  return { kind: 'error', detail: `the scale reports no valid weight (status 0x${status.toString(16)})` };
}
