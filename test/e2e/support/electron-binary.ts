import fs from 'node:fs';
import path from 'node:path';

/**
 * The Electron executable if one is installed, found the way the `electron` package finds it
 * (its path.txt under dist/, or ELECTRON_OVERRIDE_DIST_PATH) but without `require('electron')`,
 * which would try to download one.
 */
export function electronBinary(): string | null {
  let packageDir: string;
  try {
    packageDir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = path.join(packageDir, 'path.txt');
  const relative = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : '';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override
    ? path.join(override, relative || 'electron')
    : relative && path.join(packageDir, 'dist', relative);
  return candidate && fs.existsSync(candidate) ? candidate : null;
}
