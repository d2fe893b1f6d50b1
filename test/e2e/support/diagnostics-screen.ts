import type { Locator, Page } from '@playwright/test';

/** The diagnostics screen, as a test reads and presses it. */
export class DiagnosticsScreen {
  readonly root: Locator;
  readonly rows: Locator;
  readonly empty: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('diagnostics-screen');
    this.rows = page.getByTestId('diagnostics-row');
    this.empty = page.getByTestId('diagnostics-empty');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('open-diagnostics').click();
  }

  async refresh(): Promise<void> {
    await this.page.getByTestId('diagnostics-refresh').click();
  }

  async back(): Promise<void> {
    await this.page.getByTestId('diagnostics-back').click();
  }

  /** A row's cell by its test id: `diag-hex`, `diag-text`, `diag-gs1`, `diag-result`, `diag-duplicate`. Row 0 is the newest. */
  cell(row: number, testId: string): Locator {
    return this.rows.nth(row).getByTestId(testId);
  }
}
