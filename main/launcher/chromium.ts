import path from 'node:path';

/** Debian's, Ubuntu's and Google's names for it, in that order. */
const CHROMIUM_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/** A graphical session to open a window on. Only X11/Wayland need checking; other desktops always have one. */
export function hasDisplay(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): boolean {
  if (platform === 'win32' || platform === 'darwin') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

/** The first Chromium-family browser on PATH, or null. */
export function findChromium(env: NodeJS.ProcessEnv, isExecutable: (file: string) => boolean): string | null {
  const dirs = (env.PATH ?? '').split(path.delimiter).filter(Boolean);
  for (const name of CHROMIUM_NAMES) {
    for (const dir of dirs) {
      const candidate = path.join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return null;
}

export interface ChromiumLaunch {
  url: string;
  kiosk: boolean;
  /** A throwaway profile, so the app window never mixes with someone's browsing. */
  profileDir: string;
  /** Chromium refuses to run as root unless its own sandbox is turned off. */
  runningAsRoot: boolean;
}

/** An app-mode window (no tabs, no address bar) on the station page; full-screen kiosk when configured. */
export function chromiumArgs({ url, kiosk, profileDir, runningAsRoot }: ChromiumLaunch): string[] {
  return [
    `--app=${url}`,
    `--user-data-dir=${profileDir}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    '--autoplay-policy=no-user-gesture-required', // the good/bad tones must sound without a click first
    ...(kiosk ? ['--kiosk'] : []),
    ...(runningAsRoot ? ['--no-sandbox'] : []),
  ];
}
