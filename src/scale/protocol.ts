import type { ScaleReading, WeightUnit } from './reading';

/** What the station can ask a scale. Not every protocol has every command (see `ScaleProtocol.supports`). */
export type ScaleCommand = 'weigh' | 'weigh-now' | 'zero' | 'tare';

/** The answer to a zero or tare command. */
export type CommandReply = { kind: 'done'; grams?: number } | { kind: 'refused' | 'overload' | 'underload' | 'error'; detail: string };

/**
 * One scale protocol, pure: how a reply line ends, how a command is written, how a line is read.
 * `request-reply` protocols answer one line per command; `continuous` ones send lines unasked.
 */
export interface ScaleProtocol {
  readonly name: 'mt-sics' | 'toledo-8217' | 'continuous';
  readonly mode: 'request-reply' | 'continuous';
  /** Which commands the scale has; `weigh` is the one the stability filter polls with. */
  readonly supports: ReadonlySet<ScaleCommand>;
  /** Bytes that end a line. A start byte (Toledo's STX) is dropped by the parser, not the splitter. */
  readonly terminator: string;
  /** The bytes of a command (latin1). Throws for a command the protocol lacks. */
  encode(command: ScaleCommand): string;
  /** A line without its terminator → a reading, or undefined when it is no weight line at all (garbage, echo). */
  parseWeight(line: string): ScaleReading | undefined;
  /** A line answering `zero` or `tare`, or undefined when it is not such an answer. */
  parseCommandReply(command: 'zero' | 'tare', line: string): CommandReply | undefined;
}

export interface ProtocolOptions {
  /** The unit of a protocol that prints none (Toledo 8217): the scale's configured unit. */
  unit?: WeightUnit;
}

export function unsupported(protocol: string, command: ScaleCommand): Error {
  return new Error(`${protocol} has no ${command} command`);
}
