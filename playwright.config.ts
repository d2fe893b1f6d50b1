import { defineConfig, type ReporterDescription } from '@playwright/test';

/** Debian's Chromium, never a downloaded browser; quiet flags so a test run makes no outside calls. */
const CHROMIUM = {
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
};

const reporters: ReporterDescription[] = [['list'], ['./test/e2e/support/skip-reasons-reporter.ts']];
// test/run-all.mjs asks for a JSON summary through this variable.
if (process.env.PLAYWRIGHT_JSON_OUTPUT_NAME) reporters.push(['json']);

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results/e2e',
  globalSetup: './test/e2e/support/check-build.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // Each test starts its own station on its own data dir and port, so two workers cannot collide.
  workers: 2,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: reporters,
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure' },
  projects: [
    {
      name: 'chromium',
      testDir: 'test/e2e/headless',
      use: { browserName: 'chromium', viewport: { width: 1280, height: 800 }, launchOptions: CHROMIUM },
    },
    // Runs the same scenario in the real Electron shell where a binary exists; says "skipped" elsewhere.
    { name: 'electron', testDir: 'test/e2e/electron' },
  ],
});
