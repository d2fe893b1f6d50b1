import type { BrowserWindowConstructorOptions } from 'electron';

export interface WindowSettings {
  kiosk: boolean;
  preloadPath: string;
}

/**
 * The kiosk window: isolated, sandboxed, no Node in the page, devtools off in kiosk mode. Kept as
 * a pure function so the settings are tested without an Electron binary.
 */
export function windowOptions({ kiosk, preloadPath }: WindowSettings): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    kiosk,
    fullscreen: kiosk,
    autoHideMenuBar: true,
    backgroundColor: '#000000',
    show: false, // shown on ready-to-show: no white flash on a kiosk screen
    title: 'Scan Station',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: !kiosk,
      // A packing screen must keep beeping and updating when another window has focus.
      backgroundThrottling: false,
    },
  };
}
