import { expect, type Locator, type Page } from '@playwright/test';

/** The admin's Users screen, as a test reads and presses it (by data-testid). */
export class UsersScreen {
  readonly root: Locator;
  readonly rows: Locator;
  readonly notice: Locator;
  readonly search: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('users-screen');
    this.rows = page.getByTestId('user-row');
    this.notice = page.getByTestId('admin-notice-message');
    this.search = page.getByTestId('users-search');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('open-users').click();
    await expect(this.root).toBeVisible();
  }

  /** The row of the user with this name. */
  row(name: string): Locator {
    return this.rows.filter({ has: this.page.getByTestId('user-name').getByText(name, { exact: true }) });
  }

  async back(): Promise<void> {
    await this.page.getByTestId('admin-back').click();
  }
}

/** The audit trail viewer. */
export class AuditScreen {
  readonly root: Locator;
  readonly rows: Locator;
  readonly head: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('audit-screen');
    this.rows = page.getByTestId('audit-row');
    this.head = page.getByTestId('chain-head');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('open-audit').click();
    await expect(this.root).toBeVisible();
  }

  /** A cell of row `row` (0 = newest): `audit-who`, `audit-role`, `audit-station`, `audit-time`, `audit-what`, `audit-why`. */
  cell(row: number, testId: string): Locator {
    return this.rows.nth(row).getByTestId(testId);
  }

  async filter(filters: { userId?: string; type?: string; from?: string; to?: string }): Promise<void> {
    if (filters.userId !== undefined) await this.page.getByTestId('audit-user').selectOption(filters.userId);
    if (filters.type !== undefined) await this.page.getByTestId('audit-type').fill(filters.type);
    if (filters.from !== undefined) await this.page.getByTestId('audit-from').fill(filters.from);
    if (filters.to !== undefined) await this.page.getByTestId('audit-to').fill(filters.to);
    await this.page.getByTestId('audit-filter').click();
  }
}
