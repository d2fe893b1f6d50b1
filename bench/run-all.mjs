// Runs every compiled benchmark (dist/bench/*.bench.js) as its own process, one after another, so one
// benchmark's heap and timers never colour another's figures. `npm run bench -- decode` runs a subset.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

const dir = path.resolve(import.meta.dirname, '..', 'dist', 'bench');
const filter = process.argv[2] ?? '';
const files = readdirSync(dir).filter((f) => f.endsWith('.bench.js') && f.includes(filter)).sort();
let failed = 0;
for (const file of files) {
  console.log(`\n=== ${file.replace('.bench.js', '')}`);
  const result = spawnSync(process.execPath, ['--expose-gc', path.join(dir, file)], { stdio: 'inherit' });
  if (result.status !== 0) { failed++; console.log(`!! ${file} exited ${result.status ?? result.signal}`); }
}
process.exit(failed ? 1 : 0);
