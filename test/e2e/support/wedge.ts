import type { Locator, Page } from '@playwright/test';

/** A key as a keyboard-wedge scanner sends it: a character, or a control key such as Ctrl+] (GS). */
export type WedgeKey = string | { key: string; code?: string; ctrlKey?: boolean };

/** Ctrl+]: how a wedge scanner types GS (0x1d), the GS1 separator. */
export const CTRL_GS: WedgeKey = { key: ']', code: 'BracketRight', ctrlKey: true };

/**
 * Types keys the way a keyboard-wedge scanner does: one quick burst, then Enter. The keys are
 * dispatched inside the page in one go, so the burst is fast on any machine.
 */
export async function wedgeBurst(page: Page, keys: string | WedgeKey[], target: Locator | null = null): Promise<void> {
  const element = target ? await target.elementHandle() : null;
  const events = [...keys, 'Enter'].map((k) => (typeof k === 'string' ? { key: k } : k));
  await page.evaluate(([list, el]) => {
    const into: EventTarget = el ?? document.body;
    for (const init of list) into.dispatchEvent(new KeyboardEvent('keydown', { ...init, bubbles: true, cancelable: true }));
  }, [events, element] as const);
}
