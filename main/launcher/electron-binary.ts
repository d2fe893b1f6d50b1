import path from 'node:path';

export interface FileProbe {
  exists(file: string): boolean;
  /** File contents, or null when it cannot be read. */
  readText(file: string): string | null;
}

/**
 * Finds the Electron binary the `electron` package installed, WITHOUT requiring the package: its
 * index.js downloads the binary when missing, which must never happen at start-up (and cannot
 * here). The package records the binary's relative path in path.txt once it has one under dist/.
 */
export function findElectronBinary(packageDir: string | null, env: NodeJS.ProcessEnv, probe: FileProbe): string | null {
  if (!packageDir) return null;
  const relative = probe.readText(path.join(packageDir, 'path.txt'))?.trim() || null;
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override
    ? path.join(override, relative ?? 'electron')
    : relative && path.join(packageDir, 'dist', relative);
  return candidate && probe.exists(candidate) ? candidate : null;
}

/** The installed `electron` package's folder (resolving its package.json runs none of its code). */
export function electronPackageDir(resolve: (id: string) => string = require.resolve): string | null {
  try {
    return path.dirname(resolve('electron/package.json'));
  } catch {
    return null;
  }
}
