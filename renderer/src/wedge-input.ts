import { WedgeDetector, type WedgeKey } from '../../src/scan/wedge';

/**
 * The DOM side of keyboard-wedge scanning. The timing rules are the scan engineer's pure
 * `WedgeDetector` (src/scan/wedge.ts, its defaults: at most 30 ms per key on average, at least 4
 * characters, ended by Enter); this file only feeds it the page's key events.
 */

/** Typing into a field (the demo panel) is never a wedge scan. */
function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

type KeyFields = Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'altKey' | 'shiftKey' | 'timeStamp'>;

/** What the detector needs from a DOM key event. Key-ups matter for Alt + numpad codes (Alt+029 is GS). */
export function toWedgeKey(event: KeyFields, type: 'keydown' | 'keyup'): WedgeKey {
  const { key, code, ctrlKey, altKey, shiftKey, timeStamp } = event;
  return { key, code, ctrlKey, altKey, shiftKey, time: timeStamp, type };
}

/** Listens on the whole page; returns a function that stops listening. */
export function installWedgeInput(onScan: (code: string) => void): () => void {
  const detector = new WedgeDetector();
  const listener = (type: 'keydown' | 'keyup') => (event: KeyboardEvent) => {
    // Meta (Windows/Cmd) shortcuts belong to the person at the keyboard, never to a scanner.
    if (isTextEntry(event.target) || event.metaKey) return;
    const result = detector.key(toWedgeKey(event, type));
    // A key that belongs to a scan must not also act on the page (the Enter would press a focused button).
    if (result.kind !== 'pass') event.preventDefault();
    if (result.kind === 'scan') onScan(result.text);
  };
  const onKeyDown = listener('keydown');
  const onKeyUp = listener('keyup');
  window.addEventListener('keydown', onKeyDown, { capture: true });
  window.addEventListener('keyup', onKeyUp, { capture: true });
  return () => {
    window.removeEventListener('keydown', onKeyDown, { capture: true });
    window.removeEventListener('keyup', onKeyUp, { capture: true });
  };
}
