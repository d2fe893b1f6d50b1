// The real `station` bin under a Node older than 22 (Debian's /usr/bin/node is 20 on the CI image):
// it must refuse with its message and exit 1, not load better-sqlite3 and die on a signal.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { STATION_JS } from './run-cli';

// The flags of the bin's shebang, so the old Node runs it exactly as `station …` would.
const SHEBANG_FLAGS = ['--no-memory-reducer', '--expose-gc'];

function nodeMajor(node: string): number | null {
  const r = spawnSync(node, ['-p', 'process.versions.node'], { encoding: 'utf8', timeout: 10_000 });
  const major = r.status === 0 ? Number(r.stdout.trim().split('.')[0]) : NaN;
  return Number.isFinite(major) ? major : null;
}

function findOldNode(): { node: string; major: number } | null {
  for (const node of ['/usr/bin/node', '/usr/local/bin/node']) {
    if (!fs.existsSync(node)) continue;
    const major = nodeMajor(node);
    if (major !== null && major < 22) return { node, major };
  }
  return null;
}

function runStation(node: string, args: string[]) {
  const r = spawnSync(node, [...SHEBANG_FLAGS, STATION_JS, ...args], { encoding: 'utf8', timeout: 60_000, killSignal: 'SIGKILL' });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

const old = findOldNode();
if (!old) console.log('skipped: no Node older than 22 at /usr/bin/node or /usr/local/bin/node, so the refusal cannot be run for real');
const withOldNode = old ? test : test.skip;

describe('station under an old Node', () => {
  withOldNode(`refuses with a message and exit 1 (${old ? `${old.node}, Node ${old.major}` : 'skipped: no Node < 22 at /usr/bin/node or /usr/local/bin/node'})`, () => {
    for (const args of [['--help'], ['doctor', '--json']]) {
      const r = runStation(old!.node, args);
      expect(r.signal).toBeNull();
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`station: Node.js 22 or newer is needed, found v${old!.major}.`);
      expect(r.stderr).toContain(`(${old!.node})`);
      expect(r.stderr).toContain('`npm run station -- <command>` or `npm start`');
      expect(r.stderr).toContain('install Node.js 22 or newer');
    }
  });

  test('runs as usual under the Node this test runs on (22 or newer)', () => {
    expect(nodeMajor(process.execPath)).toBeGreaterThanOrEqual(22);
    const r = runStation(process.execPath, ['--help']);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('usage: station <command>');
    expect(r.stderr).not.toContain('Node.js 22 or newer is needed');
  });
});
