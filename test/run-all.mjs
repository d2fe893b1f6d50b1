// Runs every suite the project has (lint, jest unit + integration, Playwright e2e) and ends with one
// summary line, "N passed, N failed, N skipped", so a CI log shows the whole picture at a glance.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const outDir = path.join(root, 'test-results');
mkdirSync(outDir, { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
let broken = [];

function run(label, command, args, env = {}) {
  console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) broken.push(`${label} (exit ${result.status ?? result.signal})`);
}

function readJson(file) {
  try { return JSON.parse(readFileSync(file, 'utf8')); } catch { return null; }
}

const bin = (name) => path.join(root, 'node_modules', '.bin', name);

run('lint', 'npm', ['run', '-s', 'lint']);
totals[broken.length ? 'failed' : 'passed'] += 1;

const jestJson = path.join(outDir, 'jest.json');
run('jest', bin('jest'), ['--json', `--outputFile=${jestJson}`, '--ci']);
const jest = readJson(jestJson);
if (jest) {
  totals.passed += jest.numPassedTests;
  totals.failed += jest.numFailedTests;
  totals.skipped += jest.numPendingTests + jest.numTodoTests;
  if (jest.numRuntimeErrorTestSuites) totals.failed += jest.numRuntimeErrorTestSuites;
}

const pwJson = path.join(outDir, 'e2e.json');
if (existsSync(path.join(root, 'playwright.config.ts'))) {
  run('e2e', bin('playwright'), ['test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson });
  const pw = readJson(pwJson);
  if (pw?.stats) {
    totals.passed += pw.stats.expected + (pw.stats.flaky ?? 0);
    totals.failed += pw.stats.unexpected;
    totals.skipped += pw.stats.skipped;
  }
}

if (broken.length) console.log(`\nfailed suites: ${broken.join(', ')}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(broken.length || totals.failed ? 1 : 0);
