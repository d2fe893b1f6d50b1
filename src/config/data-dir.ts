import os from 'node:os';
import path from 'node:path';

/** The platform's per-user data folder for the station, as Electron's `userData` would pick it. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const home = os.homedir();
  if (process.platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'scan-station');
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'scan-station');
  return path.join(env.XDG_DATA_HOME || path.join(home, '.local', 'share'), 'scan-station');
}
