import { HostStatusError, hostStatusEnd, notReadyReason, parseHostStatus } from '../../../src/label';
import { HEAD_OPEN, PAPER_OUT, PAUSED, READY, hostStatusReply, type SimStatus } from '../../helpers/zpl-printer';

const frame = (s: string): string => `\x02${s}\x03\r\n`;
const ONE = '030,0,0,1218,000,0,0,0,000,0,0,0';
const TWO = '001,0,0,0,1,2,6,0,00000000,1,000';
const THREE = '1234,0';

describe('~HS reply', () => {
  test('a ready printer: every field read', () => {
    expect(parseHostStatus(frame(ONE) + frame(TWO) + frame(THREE))).toEqual({
      paperOut: false, paused: false, labelLengthDots: 1218, formatsInBuffer: 0, bufferFull: false, diagnosticMode: false,
      partialFormat: false, corruptRam: false, underTemperature: false, overTemperature: false, headOpen: false, ribbonOut: false,
      thermalTransfer: true, printMode: 'tear-off', labelWaiting: false, labelsRemaining: 0, graphicsStored: 0, ready: true,
    });
  });

  test.each<[string, SimStatus, Record<string, unknown>, string | undefined]>([
    ['ready', READY, { ready: true }, undefined],
    ['paper out', PAPER_OUT, { paperOut: true, ready: false }, 'paper out'],
    ['head open', HEAD_OPEN, { headOpen: true, ready: false }, 'print head open'],
    ['paused', PAUSED, { paused: true, ready: false }, 'paused'],
    ['ribbon out', { ribbonOut: true }, { ribbonOut: true }, 'ribbon out'],
    ['buffer full', { bufferFull: true }, { bufferFull: true }, 'receive buffer full'],
    ['head too hot', { overTemperature: true }, { overTemperature: true }, 'print head too hot'],
    ['a cut-off format', { partialFormat: true }, { partialFormat: true }, 'an unfinished label is in the printer (a send was cut off; cancel it on the printer)'],
    ['paper out and paused, formats waiting', { paperOut: true, paused: true, formatsInBuffer: 3 }, { formatsInBuffer: 3 }, 'paper out, paused'],
  ])('%s', (_name, status, fields, reason) => {
    const parsed = parseHostStatus(hostStatusReply(status));
    expect(parsed).toMatchObject(fields);
    expect(parsed.ready).toBe(reason === undefined);
    expect(notReadyReason(parsed)).toBe(reason);
  });

  test('bytes as well as text; extra fields of newer firmware are ignored; the last CR LF may be missing', () => {
    expect(parseHostStatus(Buffer.from(hostStatusReply(PAUSED), 'latin1')).paused).toBe(true);
    expect(parseHostStatus(frame(`${ONE},9,9`) + frame(`${TWO},0,000`) + frame(THREE)).ready).toBe(true);
    expect(parseHostStatus(frame(ONE) + frame(TWO) + `\x02${THREE}\x03`).ready).toBe(true);
    expect(parseHostStatus(frame(ONE) + frame('001,0,0,0,1,9,6,0,00000000,1,000') + frame(THREE)).printMode).toBe('other');
  });

  test.each<[string, string, HostStatusError['problem'], string]>([
    ['empty', '', 'no-reply', 'the printer sent an empty status reply'],
    ['no STX', `${ONE}\r\n`, 'framing', 'status string 1 does not start with STX'],
    ['junk before', `xx${frame(ONE)}${frame(TWO)}${frame(THREE)}`, 'framing', 'status string 1 does not start with STX: "xx\\u0002'],
    ['not closed', frame(ONE) + frame(TWO) + `\x02${THREE}`, 'framing', 'status string 3 is not closed with ETX'],
    ['junk between', `${frame(ONE)}ZZ${frame(TWO)}${frame(THREE)}`, 'framing', 'status string 2 does not start with STX: "ZZ'],
    ['no CR LF between', `\x02${ONE}\x03\x02${TWO}\x03\r\n${frame(THREE)}`, 'framing', 'status string 1 is not followed by CR LF'],
    ['binary inside', frame('030,0,\xff,1218') + frame(TWO) + frame(THREE), 'framing', 'status string 1 holds unexpected bytes'],
    ['two strings', frame(ONE) + frame(TWO), 'string-count', 'the status reply has 2 strings, a ~HS reply has 3'],
    ['four strings', frame(ONE) + frame(TWO) + frame(THREE) + frame(THREE), 'string-count', 'has 4 strings'],
    ['short string 1', frame('030,0,0') + frame(TWO) + frame(THREE), 'field-count', 'status string 1 has 3 fields, expected at least 12'],
    ['short string 3', frame(ONE) + frame(TWO) + frame('1234'), 'field-count', 'status string 3 has 1 field, expected at least 2'],
    ['a flag of 2', frame('030,2,0,1218,000,0,0,0,000,0,0,0') + frame(TWO) + frame(THREE), 'field-value', 'status string 1 field 2 (paper out flag) is "2", expected 0 or 1'],
    ['a word for a number', frame('030,0,0,long,000,0,0,0,000,0,0,0') + frame(TWO) + frame(THREE), 'field-value', 'status string 1 field 4 (label length) is "long", expected a number'],
    ['head flag garbled', frame(ONE) + frame('001,0,Y,0,1,2,6,0,00000000,1,000') + frame(THREE), 'field-value', 'status string 2 field 3 (head up flag)'],
  ])('garbled: %s', (_name, reply, problem, message) => {
    expect(() => parseHostStatus(reply)).toThrow(HostStatusError);
    expect(() => parseHostStatus(reply)).toThrow(expect.objectContaining({ problem, message: expect.stringContaining(message) }));
  });

  test('hostStatusEnd finds where a streamed reply is complete', () => {
    const reply = hostStatusReply(READY);
    for (let cut = 0; cut < reply.length - 2; cut++) expect(hostStatusEnd(reply.slice(0, cut))).toBe(-1);
    expect(hostStatusEnd(reply.slice(0, -2))).toBe(reply.length - 2);
    expect(hostStatusEnd(reply)).toBe(reply.length);
    expect(hostStatusEnd(`${reply}\x02more`)).toBe(reply.length);
  });
});
