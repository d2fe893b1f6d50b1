import type { ProtocolOptions, ScaleCommand, ScaleProtocol } from './protocol';
import { unsupported } from './protocol';
import { parseDecimal, parseUnit, toGrams, type ScaleReading } from './reading';

/**
 * The generic continuous line many indicators send unasked, several times a second, ending CR LF:
 * `ST,GS,+  1.234kg`: status (`ST` stable, `US` unstable, `OL` overload), mode (`GS` gross, `NT`
 * net), then the signed weight and its unit. The station sends nothing, so there is no zero or tare.
 */
export function continuous(_options: ProtocolOptions = {}): ScaleProtocol {
  return {
    name: 'continuous',
    mode: 'continuous',
    supports: new Set<ScaleCommand>(['weigh']),
    terminator: '\r\n',
    encode(command) {
      throw unsupported('continuous', command);
    },
    parseWeight(line): ScaleReading | undefined {
      const match = /(ST|US|OL),(GS|NT|TR),(.*)$/.exec(line); // anchored at the end: garbage before the status is dropped
      if (!match) return undefined;
      const [, status, mode, rest = ''] = match;
      if (status === 'OL') return { kind: 'overload', detail: 'the scale is overloaded (OL): take the load off' };
      const weight = /^([+-]?\s*[\d.]+)\s*([a-zA-Z]+)\s*$/.exec(rest);
      if (!weight) return undefined;
      const value = parseDecimal(weight[1]!);
      const unit = parseUnit(weight[2]!);
      if (value === undefined || !unit) return undefined;
      // A negative gross weight is a pan below zero; a negative net weight is normal after a tare.
      if (mode === 'GS' && value < 0) return { kind: 'underload', detail: 'the scale shows a negative gross weight: check the pan and zero it' };
      return { kind: 'weight', grams: toGrams(value, unit), stable: status === 'ST', unit };
    },
    parseCommandReply: () => undefined,
  };
}
