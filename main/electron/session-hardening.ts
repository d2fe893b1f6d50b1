import type { Session, WebContents } from 'electron';
import type { Logger } from '../../src/log/logger';
import { isAllowedRequestUrl, withContentSecurityPolicy } from './content-security';

/**
 * Locks the session down: no permission is ever granted (the kiosk needs none; tones are made with
 * Web Audio), nothing is fetched from the network, and every response carries our CSP.
 */
export function hardenSession(session: Session, logger: Logger): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    logger.warn('refused a permission request', { permission });
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequestUrl(details.url);
    if (!allowed) logger.warn('blocked a network request from the kiosk page', { url: details.url });
    callback({ cancel: !allowed });
  });
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders) });
  });
}

/** Every web contents (the window, and any the page might try to create) may neither navigate nor open windows. */
export function denyNavigation(contents: WebContents, logger: Logger): void {
  contents.on('will-navigate', (event, url) => {
    logger.warn('blocked navigation', { url });
    event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    logger.warn('blocked redirect', { url });
    event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    logger.warn('blocked window.open', { url });
    return { action: 'deny' };
  });
}
