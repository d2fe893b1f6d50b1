import { EventEmitter } from 'node:events';
import { pathToFileURL } from 'node:url';
import { bridgeStationOverIpc } from '../../../main/electron/ipc';
import type { StationEndpoint } from '../../../src/dispatch';
import { createLogger } from '../../../src/log/logger';

const pageUrl = pathToFileURL('/app/dist/renderer/index.html').href;
const logger = createLogger({ level: 'error' });
type IpcMainLike = Parameters<typeof bridgeStationOverIpc>[0];
type WindowLike = Parameters<typeof bridgeStationOverIpc>[1];

/** Just enough of ipcMain, a window and the station to drive the bridge as Electron would. */
function setUp() {
  const handlers = new Map<string, (event: unknown, message: unknown) => unknown>();
  const ipcMain = {
    handle: (channel: string, handler: (event: unknown, message: unknown) => unknown) => { handlers.set(channel, handler); },
    removeHandler: (channel: string) => { handlers.delete(channel); },
  } as unknown as IpcMainLike;
  const sent: unknown[][] = [];
  const window = { webContents: { id: 1, send: (...args: unknown[]) => sent.push(args) }, isDestroyed: () => false } as unknown as WindowLike;
  const events = new EventEmitter();
  const closed: unknown[] = [];
  const endpoint = {
    handlers: { 'bag.close': () => { closed.push(true); return { ok: 'closed' }; } },
    subscribe: (listener: (name: string, payload: unknown) => void) => {
      events.on('event', listener);
      return () => events.off('event', listener);
    },
  } as unknown as StationEndpoint;
  const unbridge = bridgeStationOverIpc(ipcMain, window, endpoint, pageUrl, logger);
  const invoke = (message: unknown, sender = { id: 1 }, frame: unknown = { url: pageUrl, parent: null }) =>
    handlers.get('station:request')!({ sender, senderFrame: frame }, message);
  return { handlers, sent, events, closed, unbridge, invoke };
}

describe('the Electron IPC bridge', () => {
  test('runs a valid request from the station page through the shared dispatcher', async () => {
    const { invoke, closed } = setUp();
    await expect(invoke({ id: 1, name: 'bag.close', payload: {} })).resolves.toEqual({ kind: 'response', id: 1, ok: true, result: { ok: 'closed' } });
    expect(closed).toHaveLength(1);
  });

  test('refuses a subframe or another window before looking at the message', async () => {
    const { invoke, closed } = setUp();
    const forbidden = { kind: 'response', id: null, ok: false, error: expect.objectContaining({ code: 'forbidden' }) };
    await expect(invoke({ id: 1, name: 'bag.close', payload: {} }, { id: 1 }, { url: pageUrl, parent: {} })).resolves.toEqual(forbidden);
    await expect(invoke({ id: 1, name: 'bag.close', payload: {} }, { id: 2 })).resolves.toEqual(forbidden);
    expect(closed).toHaveLength(0);
  });

  test('a malformed or unknown request gets a specific bad-request answer', async () => {
    const { invoke } = setUp();
    await expect(invoke('garbage')).resolves.toMatchObject({ ok: false, error: { code: 'bad-request' } });
    await expect(invoke({ id: 2, name: 'rm.rf', payload: {} })).resolves.toMatchObject({ ok: false, error: { code: 'bad-request', message: 'unknown request "rm.rf"' } });
    await expect(invoke({ id: 3, name: 'bag.close', payload: { extra: 1 } })).resolves.toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  test('pushes station events to the page, and stops when unbridged', () => {
    const { events, sent, unbridge, handlers } = setUp();
    events.emit('event', 'device.status', { deviceId: 'serial-1', kind: 'serial', status: 'connected' });
    expect(sent).toEqual([['station:event', { kind: 'event', name: 'device.status', payload: { deviceId: 'serial-1', kind: 'serial', status: 'connected' } }]]);
    unbridge();
    events.emit('event', 'device.status', {});
    expect(sent).toHaveLength(1);
    expect(handlers.size).toBe(0);
  });
});
