import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';

/**
 * Says plainly why a test was skipped ("skipped: no Electron binary"), which the list reporter
 * does not, so a green run cannot hide a suite that never ran.
 */
export default class SkipReasonsReporter implements Reporter {
  onTestEnd(test: TestCase, result: TestResult): void {
    if (result.status !== 'skipped') return;
    const reason = [...result.annotations, ...test.annotations].find((a) => a.type === 'skip' || a.type === 'fixme')?.description;
    console.log(`skipped: ${reason ?? 'no reason given'} (${test.titlePath().filter(Boolean).join(' › ')})`);
  }

  printsToStdio(): boolean {
    return false;
  }
}
