import { expect, type Locator, type Page } from '@playwright/test';

/** The demo users (src/workflows/session/demo-users.ts): one per role, PIN = the role's digit four times. */
export const DEMO = {
  packer: { badge: 'B-DEMO1', pin: '1111', name: 'Demo Packer' },
  dispatcher: { badge: 'B-DEMO2', pin: '2222', name: 'Demo Dispatcher' },
  biller: { badge: 'B-DEMO3', pin: '3333', name: 'Demo Biller' },
  supervisor: { badge: 'B-DEMO4', pin: '4444', name: 'Demo Supervisor' },
  admin: { badge: 'B-DEMO5', pin: '5555', name: 'Demo Admin' },
} as const;
export type DemoRole = keyof typeof DEMO;

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

  /** Taps the demo user's badge, then types the PIN on the on-screen keypad. */
  async signIn(role: DemoRole, pin: string = DEMO[role].pin): Promise<void> {
    await this.page.getByTestId(`demo-user-${role}`).click();
    await this.enterPin(pin);
    await expect(this.page.getByTestId('signed-in-as')).toContainText(DEMO[role].name);
  }

  /** Types digits on the keypad and presses its OK. */
  async enterPin(pin: string): Promise<void> {
    await expect(this.page.getByTestId('pinpad')).toBeVisible();
    for (const digit of pin) await this.page.getByRole('button', { name: `PIN digit ${digit}`, exact: true }).click();
    await this.page.getByTestId('pin-submit').click();
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
