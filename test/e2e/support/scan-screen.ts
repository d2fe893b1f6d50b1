import { expect, type Locator, type Page } from '@playwright/test';

/** The kiosk's scan screen, as a test reads and presses it (by data-testid, never by layout). */
export class ScanScreen {
  readonly bagCode: Locator;
  readonly bagCount: Locator;
  readonly bagState: Locator;
  readonly lastClosed: Locator;
  readonly status: Locator;
  readonly recentScans: Locator;
  readonly errorDialog: Locator;
  readonly errorMessage: Locator;
  readonly connectionBanner: Locator;
  readonly demoPanel: Locator;

  constructor(readonly page: Page) {
    const id = (testId: string) => page.getByTestId(testId);
    this.bagCode = id('bag-code');
    this.bagCount = id('bag-count');
    this.bagState = id('bag-state');
    this.lastClosed = id('last-closed');
    this.status = id('scan-status');
    this.recentScans = id('recent-scans');
    this.errorDialog = id('error-dialog');
    this.errorMessage = id('error-message');
    this.connectionBanner = id('connection-banner');
    this.demoPanel = id('demo-panel');
  }

  /** Waits until the page is connected and shows the station's state. */
  async ready(): Promise<void> {
    await expect(this.page.getByTestId('station-id')).toBeVisible();
    await expect(this.connectionBanner).toBeHidden();
  }

  async reload(): Promise<void> {
    await this.page.reload();
    await this.ready();
  }

  async demoScan(code: string): Promise<void> {
    await this.page.getByTestId('demo-code').fill(code);
    await this.page.getByTestId('demo-scan').click();
  }

  async undoLast(): Promise<void> {
    await this.page.getByTestId('undo-last').click();
  }

  async closeBag(): Promise<void> {
    await this.page.getByTestId('close-bag').click();
  }

  async acknowledgeError(): Promise<void> {
    await this.page.getByTestId('error-ack').click();
  }

  device(deviceId: string): Locator {
    return this.page.getByTestId(`device-${deviceId}`);
  }
}
