import fs from 'node:fs';
import path from 'node:path';

/** `<repo>/src`, or `<repo>/dist/src` once compiled. */
const SRC_ROOT = __dirname;

/**
 * Worker threads run compiled JavaScript. Compiled, a worker sits next to the module that starts it
 * (`fromDir`); run from the TypeScript sources (tests), the compiled one is found under `<repo>/dist`
 * (run `npm run build`).
 */
export function compiledWorkerFile(fromDir: string, relativeFile: string, label: string): string {
  const here = path.join(fromDir, relativeFile);
  if (__filename.endsWith('.js') && fs.existsSync(here)) return here;
  const compiled = path.join(SRC_ROOT, '..', 'dist', 'src', path.relative(SRC_ROOT, fromDir), relativeFile);
  if (!fs.existsSync(compiled)) throw new Error(`compiled ${label} worker not found at ${compiled}: run "npm run build" first`);
  return compiled;
}
