import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_REQUEST_CHANNEL, type ResponseEnvelope } from '../../src/api';
import { dispatch, eventEnvelope, type StationEndpoint } from '../../src/dispatch';
import type { Logger } from '../../src/log/logger';
import { isTrustedSender } from './sender-check';

const FORBIDDEN: ResponseEnvelope = {
  kind: 'response', id: null, ok: false, error: { code: 'forbidden', message: 'requests are accepted only from the station page' },
};

/**
 * The Electron bridge: requests from the page are checked for their sender, validated with the
 * shared schemas and run by `dispatch`; station events are pushed to the page. Returns a function
 * that removes both. Electron's objects are passed in, so this runs under test without a binary.
 */
export function bridgeStationOverIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  window: Pick<BrowserWindow, 'webContents' | 'isDestroyed'>,
  endpoint: StationEndpoint,
  pageUrl: string,
  logger: Logger,
): () => void {
  const trusted = { webContentsId: window.webContents.id, pageUrl };
  ipcMain.handle(IPC_REQUEST_CHANNEL, async (event: IpcMainInvokeEvent, message: unknown) => {
    const frame = event.senderFrame;
    if (!isTrustedSender({ webContentsId: event.sender.id, frame }, trusted)) {
      logger.warn('refused an IPC request from an untrusted sender', { url: frame?.url ?? '(frame gone)' });
      return FORBIDDEN;
    }
    return dispatch(endpoint, message);
  });
  const unsubscribe = endpoint.subscribe((name, payload) => {
    if (!window.isDestroyed()) window.webContents.send(IPC_EVENT_CHANNEL, eventEnvelope(name, payload));
  });
  return () => {
    ipcMain.removeHandler(IPC_REQUEST_CHANNEL);
    unsubscribe();
  };
}
