import type { CodeClass } from '../../../src/api';
import { accept } from '../../../src/core/decision';
import { route, type RouteTable } from '../../../src/core/router';
import type { ScanHandler } from '../../../src/core/workflow';
import type { DecodedScan } from '../../../src/scan/decode';

function scan(text: string, codeClass: CodeClass, extra: Partial<DecodedScan> = {}): DecodedScan {
  return {
    raw: new TextEncoder().encode(text), deviceId: 'serial-1', firstByteAt: 0, receivedAt: 0, aim: null, symbology: null, text, gs1: null,
    codeClass, command: codeClass === 'command' ? text.replace(/^CMD:/, '') : null, key: text, valid: true, error: null, ...extra,
  };
}
const handler = (what: string): ScanHandler => ({ permission: 'pack.scan', decide: () => accept(what, []) });

const badge = handler('badge');
const parent = handler('parent');
const child = handler('child');
const table: RouteTable = {
  badge: { module: 'session', handler: badge },
  mode: { module: 'bag', handlers: { parent, child } },
  commandBarcodes: new Map([['CLOSE', 'bag.close'], ['UNDO', 'bag.undo']]),
  captured: () => null,
};
const noPrompt = () => false;
const badgePrompt = (c: CodeClass) => c === 'badge';

describe('route order', () => {
  test('an invalid scan is refused first, whatever is open or claimed', () => {
    const garbled = scan('B-1\uFFFD', 'badge', { valid: false, error: 'invalid UTF-8 at byte 4 (0xff)' });
    expect(route(garbled, table, badgePrompt)).toEqual({ kind: 'refuse', reason: 'Unreadable scan: invalid UTF-8 at byte 4 (0xff)' });
    expect(route(scan('P-1', 'parent', { valid: false, error: null }), table, noPrompt)).toEqual({ kind: 'refuse', reason: 'Unreadable scan: the scanner sent garbled data' });
  });

  test('an open prompt takes a badge before the badge module', () => {
    expect(route(scan('B-SUP', 'badge'), table, badgePrompt)).toEqual({ kind: 'prompt' });
  });

  test('an open prompt takes only what it asks for: other scans route as usual', () => {
    expect(route(scan('P-1', 'parent'), table, badgePrompt)).toEqual({ kind: 'scan', module: 'bag', handler: parent });
    expect(route(scan('CMD:CLOSE', 'command'), table, badgePrompt)).toEqual({ kind: 'command', name: 'bag.close' });
  });

  test('a badge goes to the badge module, whatever the mode', () => {
    expect(route(scan('B-1', 'badge'), table, noPrompt)).toEqual({ kind: 'scan', module: 'session', handler: badge });
    expect(route(scan('B-1', 'badge'), { ...table, mode: null }, noPrompt)).toEqual({ kind: 'scan', module: 'session', handler: badge });
  });

  test('a command barcode goes to the command it names', () => {
    expect(route(scan('CMD:CLOSE', 'command'), table, noPrompt)).toEqual({ kind: 'command', name: 'bag.close' });
    expect(route(scan('CMD:UNDO', 'command'), table, noPrompt)).toEqual({ kind: 'command', name: 'bag.undo' });
  });

  test('an unknown command barcode is refused', () => {
    expect(route(scan('CMD:SELF_DESTRUCT', 'command'), table, noPrompt)).toEqual({ kind: 'refuse', reason: 'Unknown command CMD:SELF_DESTRUCT' });
    expect(route(scan('CMD:', 'command', { command: null }), table, noPrompt)).toEqual({ kind: 'refuse', reason: 'Unknown command CMD:' });
  });

  test('a module that took the scanner takes every valid scan but a badge, a command or the prompt\'s', () => {
    const search = handler('search');
    const capturing: RouteTable = { ...table, captured: () => ({ module: 'history', handler: search }) };
    for (const [text, codeClass] of [['P-1', 'parent'], ['C-1', 'child'], ['X-1', 'unknown']] as const) {
      expect(route(scan(text, codeClass), capturing, noPrompt)).toEqual({ kind: 'scan', module: 'history', handler: search });
    }
    expect(route(scan('B-1', 'badge'), capturing, noPrompt)).toEqual({ kind: 'scan', module: 'session', handler: badge });
    expect(route(scan('CMD:CLOSE', 'command'), capturing, noPrompt)).toEqual({ kind: 'command', name: 'bag.close' });
    expect(route(scan('B-SUP', 'badge'), capturing, badgePrompt)).toEqual({ kind: 'prompt' });
    expect(route(scan('P-1', 'parent', { valid: false, error: null }), capturing, noPrompt)).toMatchObject({ kind: 'refuse' });
  });

  test('the mode module takes the code classes it claims', () => {
    expect(route(scan('P-1', 'parent'), table, noPrompt)).toEqual({ kind: 'scan', module: 'bag', handler: parent });
    expect(route(scan('C-1', 'child'), table, noPrompt)).toEqual({ kind: 'scan', module: 'bag', handler: child });
  });

  test('an unknown code class is refused, naming what this station takes', () => {
    expect(route(scan('HELLO', 'unknown'), table, noPrompt)).toEqual({ kind: 'refuse', reason: 'Unknown code "HELLO": not a parent, child or command code' });
  });

  test('a class the mode does not claim is refused; without a badge module a badge is too', () => {
    const parentsOnly: RouteTable = { badge: null, mode: { module: 'bag', handlers: { parent } }, commandBarcodes: new Map(), captured: () => null };
    expect(route(scan('C-1', 'child'), parentsOnly, noPrompt)).toEqual({ kind: 'refuse', reason: 'Unknown code "C-1": not a parent code' });
    expect(route(scan('B-1', 'badge'), parentsOnly, noPrompt)).toEqual({ kind: 'refuse', reason: 'Unknown code "B-1": not a parent code' });
    const nothing: RouteTable = { badge: null, mode: null, commandBarcodes: new Map(), captured: () => null };
    expect(route(scan('P-1', 'parent'), nothing, noPrompt)).toEqual({ kind: 'refuse', reason: 'Unknown code "P-1": not a known code' });
  });
});
