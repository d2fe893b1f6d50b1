import { expect } from '@playwright/test';
import type { ScanScreen } from './scan-screen';

/** Anything that can scan a code into the station: the demo panel, a serial port, … */
export interface Scanner {
  scan(code: string): Promise<void>;
}

export function demoScanner(screen: ScanScreen): Scanner {
  return { scan: (code) => screen.demoScan(code) };
}

export interface BagScenarioOptions {
  capacity: number;
  parent?: string;
  children?: [string, string, string];
  /** A child scanned while no bag is open: the station must refuse it with an error. */
  strayChild?: string;
  /** Runs while the bag shows 3 children (e.g. to keep a screenshot of a busy screen). */
  withThreeChildren?: () => Promise<void>;
}

/**
 * The packer's everyday run, shared by every way of scanning and every host (browser, Electron):
 * open a parent, link 3 children, undo one, close the bag, then make a mistake and see the error
 * stay on screen, even across a reload, until it is acknowledged.
 */
export async function runBagScenario(screen: ScanScreen, scanner: Scanner, options: BagScenarioOptions): Promise<void> {
  const { capacity, parent = 'P-1001', children = ['C-2001', 'C-2002', 'C-2003'], strayChild = 'C-2099' } = options;

  await scanner.scan(parent);
  await expect(screen.bagCode).toHaveText(parent);
  await expect(screen.bagCount).toHaveText(`0 / ${capacity}`);

  for (const [index, child] of children.entries()) {
    await scanner.scan(child);
    await expect(screen.bagCount).toHaveText(`${index + 1} / ${capacity}`);
  }
  await expect(screen.bagCount).toHaveText(`3 / ${capacity}`);
  await expect(screen.status).toHaveAttribute('data-outcome', 'good');
  await expect(screen.recentScans).toContainText(children[2]);
  await options.withThreeChildren?.();

  await screen.undoLast();
  await expect(screen.bagCount).toHaveText(`2 / ${capacity}`);
  await expect(screen.page.getByTestId('bag-children')).not.toContainText(children[2]);

  await screen.closeBag();
  await expect(screen.bagState).toHaveText(/No bag open/);
  await expect(screen.lastClosed).toContainText(`${parent} closed`);
  await expect(screen.lastClosed).toContainText(`2 / ${capacity}`);

  await scanner.scan(strayChild);
  await expect(screen.errorDialog).toBeVisible();
  await expect(screen.errorMessage).toContainText(strayChild);
  await expect(screen.status).toHaveAttribute('data-outcome', 'bad');

  // The error belongs to the station, not to the page: a reload must bring it back.
  await screen.reload();
  await expect(screen.errorDialog).toBeVisible();
  await expect(screen.errorMessage).toContainText(strayChild);

  await screen.acknowledgeError();
  await expect(screen.errorDialog).toBeHidden();
  await screen.reload();
  await expect(screen.errorDialog).toBeHidden();
  await expect(screen.bagState).toHaveText(/No bag open/);
}
