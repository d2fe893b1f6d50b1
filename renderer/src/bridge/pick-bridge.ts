import type { StationBridge } from '../api';
import { alwaysConnected, type ConnectionSource } from './connection';
import { WebSocketBridge } from './ws-bridge';

export interface PickedBridge {
  bridge: StationBridge;
  connection: ConnectionSource;
}

/**
 * The page's only way out: Electron's preload bridge when it exposed one, otherwise the
 * headless host's WebSocket on the same origin the page was served from.
 */
export function pickBridge(): PickedBridge {
  const preload = (window as { station?: StationBridge }).station;
  if (preload) return { bridge: preload, connection: alwaysConnected };
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const bridge = new WebSocketBridge(`${scheme}//${location.host}/ws`);
  return { bridge, connection: bridge };
}
