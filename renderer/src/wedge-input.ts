/**
 * Keyboard-wedge fallback: a scanner that "types" its code is much faster than a person. A burst
 * of printable keys, each within MAX_GAP_MS of the previous one and ended by Enter, is a scan;
 * anything slower is a person typing and is dropped.
 *
 * Minimal local timing logic: replace with the shared pure detector in `src/scan/wedge.ts` once
 * it exists, keeping `installWedgeInput` as the DOM side.
 */
export const MAX_GAP_MS = 60;
export const MIN_LENGTH = 3;

/** Pure: feed it keys with their time; it returns a code when a fast burst ends in Enter. */
export class WedgeDetector {
  private buffer = '';
  private lastAt = -Infinity;

  key(key: string, at: number): string | null {
    const fast = at - this.lastAt <= MAX_GAP_MS;
    if (key === 'Enter') {
      const code = fast && this.buffer.length >= MIN_LENGTH ? this.buffer : null;
      this.reset();
      return code;
    }
    if (key.length !== 1) return null; // Shift and friends arrive between characters; they are not data.
    this.buffer = fast ? this.buffer + key : key;
    this.lastAt = at;
    return null;
  }

  reset(): void {
    this.buffer = '';
    this.lastAt = -Infinity;
  }
}

/** Typing into a field (the demo panel) is never a wedge scan. */
function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Listens on the whole page; returns a function that stops listening. */
export function installWedgeInput(onScan: (code: string) => void): () => void {
  const detector = new WedgeDetector();
  const onKeyDown = (event: KeyboardEvent) => {
    if (isTextEntry(event.target) || event.ctrlKey || event.altKey || event.metaKey) {
      detector.reset();
      return;
    }
    const code = detector.key(event.key, event.timeStamp);
    if (code !== null) {
      event.preventDefault(); // The Enter ends a scan; it must not also press a focused button.
      onScan(code);
    }
  };
  window.addEventListener('keydown', onKeyDown, { capture: true });
  return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
}
