/**
 * The reply to ZPL `~HS` (host status return): three strings, each `<STX>fields<ETX><CR><LF>`.
 *
 *   1: aaa,b,c,dddd,eee,f,g,h,iii,j,k,l   interface settings, paper out, pause, label length (dots),
 *                                          formats in receive buffer, buffer full, comms diagnostic
 *                                          mode, partial format, unused, corrupt RAM, under / over
 *                                          temperature
 *   2: mmm,n,o,p,q,r,s,t,uuuuuuuu,v,www   function settings, unused, head up, ribbon out, thermal
 *                                          transfer, print mode, print width mode, label waiting
 *                                          (peel-off), labels remaining in batch, format while
 *                                          printing, graphics stored
 *   3: xxxx,y                              password, static RAM installed
 *
 * Pure. Printers of other makers that emulate ZPL answer the same strings; some firmwares append
 * fields, which are ignored. Some printers do not answer `~HS` at all while out of media or ribbon
 * or with the head open: the printer module says so when a status reply does not come.
 */

export const STX = '\x02';
export const ETX = '\x03';

export type PrintMode = 'rewind' | 'peel-off' | 'tear-off' | 'cutter' | 'applicator' | 'delayed-cut' | 'other';

export interface HostStatus {
  paperOut: boolean;
  paused: boolean;
  labelLengthDots: number;
  formatsInBuffer: number;
  bufferFull: boolean;
  diagnosticMode: boolean;
  /** A format started (`^XA`) and not ended: e.g. a send that was cut off. */
  partialFormat: boolean;
  corruptRam: boolean;
  underTemperature: boolean;
  overTemperature: boolean;
  /** The head is up (open). */
  headOpen: boolean;
  ribbonOut: boolean;
  thermalTransfer: boolean;
  printMode: PrintMode;
  /** Peel-off: a printed label waits to be taken. */
  labelWaiting: boolean;
  labelsRemaining: number;
  graphicsStored: number;
  /** Nothing stops printing: `notReadyReason` is undefined. */
  ready: boolean;
}

export type HostStatusProblem = 'no-reply' | 'framing' | 'string-count' | 'field-count' | 'field-value';

/** A reply that is not a `~HS` status. `problem` says which rule it broke, `message` where. */
export class HostStatusError extends Error {
  override readonly name = 'HostStatusError';
  constructor(readonly problem: HostStatusProblem, message: string) {
    super(message);
  }
}

const PRINT_MODES: Record<string, PrintMode> = { 0: 'rewind', 1: 'peel-off', 2: 'tear-off', 3: 'cutter', 4: 'applicator', 5: 'delayed-cut' };

/** What stops printing, most urgent first, in the words a packer reads. */
const BLOCKERS: ReadonlyArray<[keyof HostStatus, string]> = [
  ['paperOut', 'paper out'],
  ['ribbonOut', 'ribbon out'],
  ['headOpen', 'print head open'],
  ['paused', 'paused'],
  ['overTemperature', 'print head too hot'],
  ['underTemperature', 'print head too cold'],
  ['bufferFull', 'receive buffer full'],
  ['partialFormat', 'an unfinished label is in the printer (a send was cut off; cancel it on the printer)'],
  ['corruptRam', 'printer settings lost (corrupt RAM)'],
];

/** The status strings a full reply has. */
export const STATUS_STRINGS = 3;

/**
 * Where a complete reply ends in `text` (after the third ETX and its CR LF when they have arrived),
 * or -1 while it is incomplete. For reading a reply off a stream.
 */
export function hostStatusEnd(text: string): number {
  let at = -1;
  for (let i = 0; i < STATUS_STRINGS; i++) {
    at = text.indexOf(ETX, at + 1);
    if (at < 0) return -1;
  }
  const end = at + 1;
  return text.startsWith('\r\n', end) ? end + 2 : end;
}

function describe(bytes: string): string {
  const shown = bytes.length > 40 ? `${bytes.slice(0, 40)}…` : bytes;
  return JSON.stringify(shown);
}

/** The three strings' fields. Framing must be exact: STX, printable fields, ETX, CR LF (the last CR LF may be missing). */
function splitStrings(reply: string): string[][] {
  if (reply.trim() === '') throw new HostStatusError('no-reply', 'the printer sent an empty status reply');
  const strings: string[][] = [];
  let at = 0;
  while (at < reply.length) {
    if (reply[at] !== STX) throw new HostStatusError('framing', `status string ${strings.length + 1} does not start with STX: ${describe(reply.slice(at))}`);
    const end = reply.indexOf(ETX, at + 1);
    if (end < 0) throw new HostStatusError('framing', `status string ${strings.length + 1} is not closed with ETX: ${describe(reply.slice(at))}`);
    const body = reply.slice(at + 1, end);
    if (body.includes(STX) || /[^\x20-\x7e]/.test(body)) throw new HostStatusError('framing', `status string ${strings.length + 1} holds unexpected bytes: ${describe(body)}`);
    strings.push(body.split(','));
    at = end + 1;
    if (reply.startsWith('\r\n', at)) at += 2;
    else if (at < reply.length) throw new HostStatusError('framing', `status string ${strings.length} is not followed by CR LF: ${describe(reply.slice(at))}`);
  }
  if (strings.length !== STATUS_STRINGS) throw new HostStatusError('string-count', `the status reply has ${strings.length} string${strings.length === 1 ? '' : 's'}, a ~HS reply has ${STATUS_STRINGS}`);
  return strings;
}

class Fields {
  constructor(private readonly fields: string[], private readonly index: number, private readonly names: readonly string[]) {
    if (fields.length < names.length) throw new HostStatusError('field-count', `status string ${index} has ${fields.length} field${fields.length === 1 ? '' : 's'}, expected at least ${names.length} (${names.join(', ')})`);
  }

  number(at: number): number {
    const raw = this.fields[at]!.trim();
    if (!/^\d{1,10}$/.test(raw)) throw new HostStatusError('field-value', `status string ${this.index} field ${at + 1} (${this.names[at]}) is ${JSON.stringify(raw)}, expected a number`);
    return Number(raw);
  }

  flag(at: number): boolean {
    const raw = this.fields[at]!.trim();
    if (raw !== '0' && raw !== '1') throw new HostStatusError('field-value', `status string ${this.index} field ${at + 1} (${this.names[at]} flag) is ${JSON.stringify(raw)}, expected 0 or 1`);
    return raw === '1';
  }
}

const STRING1 = ['interface settings', 'paper out', 'pause', 'label length', 'formats in buffer', 'buffer full', 'diagnostic mode', 'partial format', 'unused', 'corrupt RAM', 'under temperature', 'over temperature'];
const STRING2 = ['function settings', 'unused', 'head up', 'ribbon out', 'thermal transfer', 'print mode', 'print width mode', 'label waiting', 'labels remaining', 'format while printing', 'graphics stored'];
const STRING3 = ['password', 'static RAM'];

/** Parses a whole `~HS` reply (latin1 text or bytes). Throws `HostStatusError` for anything else. */
export function parseHostStatus(reply: string | Uint8Array): HostStatus {
  let text = typeof reply === 'string' ? reply : '';
  if (typeof reply !== 'string') for (const byte of reply) text += String.fromCharCode(byte);
  const [one, two, three] = splitStrings(text) as [string[], string[], string[]];
  const s1 = new Fields(one, 1, STRING1);
  const s2 = new Fields(two, 2, STRING2);
  const s3 = new Fields(three, 3, STRING3);
  s1.number(0);
  s2.number(0);
  s3.number(0);
  const mode = s2.number(5);
  const status: Omit<HostStatus, 'ready'> = {
    paperOut: s1.flag(1),
    paused: s1.flag(2),
    labelLengthDots: s1.number(3),
    formatsInBuffer: s1.number(4),
    bufferFull: s1.flag(5),
    diagnosticMode: s1.flag(6),
    partialFormat: s1.flag(7),
    corruptRam: s1.flag(9),
    underTemperature: s1.flag(10),
    overTemperature: s1.flag(11),
    headOpen: s2.flag(2),
    ribbonOut: s2.flag(3),
    thermalTransfer: s2.flag(4),
    printMode: PRINT_MODES[mode] ?? 'other',
    labelWaiting: s2.flag(7),
    labelsRemaining: s2.number(8),
    graphicsStored: s2.number(10),
  };
  return { ...status, ready: notReadyReasons(status).length === 0 };
}

function notReadyReasons(status: Omit<HostStatus, 'ready'>): string[] {
  return BLOCKERS.filter(([key]) => status[key as keyof typeof status] === true).map(([, words]) => words);
}

/** Why the printer cannot print now, e.g. "paper out, paused"; undefined when it is ready. */
export function notReadyReason(status: HostStatus): string | undefined {
  const reasons = notReadyReasons(status);
  return reasons.length > 0 ? reasons.join(', ') : undefined;
}
