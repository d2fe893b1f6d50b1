import { WedgeDetector } from '../../../src/scan/wedge';
import { toWedgeKey } from '../../../renderer/src/wedge-input';

type Key = { key: string; code?: string; ctrlKey?: boolean; altKey?: boolean; shiftKey?: boolean };

/** Plays DOM-like key events through toWedgeKey into the shared detector, as the page does. */
function play(keys: Array<Key & { type?: 'keydown' | 'keyup'; at: number }>) {
  const wedge = new WedgeDetector();
  return keys.map(({ type = 'keydown', at, ...k }) =>
    wedge.key(toWedgeKey({ code: '', ctrlKey: false, altKey: false, shiftKey: false, ...k, timeStamp: at }, type)));
}

const burst = (text: string, msPerKey: number) => [...text, 'Enter'].map((key, i) => ({ key, at: 1000 + i * msPerKey }));

describe('toWedgeKey', () => {
  it('carries the key fields, the event time and the event type', () => {
    const event = { key: ']', code: 'BracketRight', ctrlKey: true, altKey: false, shiftKey: false, timeStamp: 12.5 };
    expect(toWedgeKey(event, 'keyup')).toEqual({ key: ']', code: 'BracketRight', ctrlKey: true, altKey: false, shiftKey: false, time: 12.5, type: 'keyup' });
  });
});

describe('the page\'s wedge (shared detector fed by toWedgeKey)', () => {
  it('turns a fast burst ending in Enter into a scan', () => {
    expect(play(burst('P-1001', 5)).at(-1)).toMatchObject({ kind: 'scan', text: 'P-1001' });
  });

  it('drops the same keys typed at a person\'s speed', () => {
    expect(play(burst('P-1001', 150)).map((r) => r.kind)).not.toContain('scan');
  });

  it('gives GS for Ctrl+] and for Alt + numpad 0 2 9 ended by the Alt key-up', () => {
    const keys = [
      ...[...'0110'].map((key, i) => ({ key, at: i * 5 })),
      { key: ']', code: 'BracketRight', ctrlKey: true, at: 20 },
      { key: '1', at: 25 },
      { key: 'Alt', altKey: true, at: 30 },
      ...['0', '2', '9'].map((key, i) => ({ key, code: `Numpad${key}`, altKey: true, at: 32 + i * 2 })),
      { key: 'Alt', type: 'keyup' as const, at: 40 },
      { key: '2', at: 42 },
      { key: 'Enter', at: 45 },
    ];
    expect(play(keys).at(-1)).toMatchObject({ kind: 'scan', text: '0110\x1d1\x1d2' });
  });
});
