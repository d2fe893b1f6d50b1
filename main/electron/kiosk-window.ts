import { BrowserWindow } from 'electron';
import type { Logger } from '../../src/log/logger';
import { windowOptions } from './window-options';

/** A renderer that keeps dying is reloaded at most this often, so a crash loop does not spin the CPU. */
const RELOAD_DELAY_MS = 1000;

/**
 * The kiosk window: secure settings, shown when painted, and reloaded when its renderer process
 * dies (a crash, an OOM kill), so the station screen comes back by itself.
 */
export function createKioskWindow(options: { kiosk: boolean; preloadPath: string; logger: Logger }): BrowserWindow {
  const { logger } = options;
  const window = new BrowserWindow(windowOptions(options));
  window.once('ready-to-show', () => window.show());
  window.webContents.on('render-process-gone', (_event, details) => {
    logger.error('kiosk page process gone', { reason: details.reason, exitCode: details.exitCode });
    if (details.reason === 'clean-exit') return;
    setTimeout(() => { if (!window.isDestroyed()) window.webContents.reload(); }, RELOAD_DELAY_MS);
  });
  window.on('unresponsive', () => logger.warn('kiosk page unresponsive'));
  window.on('responsive', () => logger.info('kiosk page responsive again'));
  return window;
}
