import { continuous } from './continuous';
import { mtSics } from './mt-sics';
import type { ProtocolOptions, ScaleProtocol } from './protocol';
import { toledo8217 } from './toledo-8217';

export * from './reading';
export * from './protocol';
export * from './stability';
export * from './tolerance';
export * from './line-splitter';
export * from './port';
export { mtSics, toledo8217, continuous };

export function createProtocol(name: ScaleProtocol['name'], options: ProtocolOptions = {}): ScaleProtocol {
  switch (name) {
    case 'mt-sics': return mtSics(options);
    case 'toledo-8217': return toledo8217(options);
    case 'continuous': return continuous(options);
  }
}

/** Bits on the wire per character: start bit, data bits, parity bit if any, stop bits. */
export function bitsPerChar(line: { dataBits: number; parity: string; stopBits: number }): number {
  return 1 + line.dataBits + (line.parity === 'none' ? 0 : 1) + line.stopBits;
}

/** How long `chars` characters take on the line, in ms. */
export function lineTimeMs(chars: number, line: { baudRate: number; dataBits: number; parity: string; stopBits: number }): number {
  return (chars * bitsPerChar(line) * 1000) / line.baudRate;
}
