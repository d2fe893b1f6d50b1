import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { dispatchText, eventEnvelope, type StationEndpoint } from '../../src/dispatch';
import type { ResponseEnvelope } from '../../src/api';
import type { Logger } from '../../src/log/logger';

/** Far above any valid request (codes are capped at 4 KiB); a bigger frame closes the socket (1009). */
const MAX_FRAME_BYTES = 256 * 1024;

export interface WsBridge {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): void;
}

/**
 * The station API over WebSocket: each text frame is one request envelope answered by one response
 * envelope; station events are pushed to every client. A bad message gets an error response and
 * the connection stays up.
 */
export function createWsBridge(endpoint: StationEndpoint, logger: Logger): WsBridge {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });

  const unsubscribe = endpoint.subscribe((name, payload) => {
    const frame = JSON.stringify(eventEnvelope(name, payload));
    for (const client of wss.clients) if (client.readyState === WebSocket.OPEN) client.send(frame);
  });

  wss.on('connection', (ws) => {
    ws.on('message', (data, isBinary) => {
      if (isBinary) {
        send(ws, { kind: 'response', id: null, ok: false, error: { code: 'bad-request', message: 'malformed message: binary frames are not accepted, send JSON text' } });
        return;
      }
      dispatchText(endpoint, data.toString()).then((response) => send(ws, response), (err: unknown) => {
        logger.error('websocket request failed', { error: String(err) });
      });
    });
    ws.on('error', (err) => logger.warn('websocket client error', { error: err.message }));
  });

  return {
    handleUpgrade: (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req)),
    close() {
      unsubscribe();
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}

function send(ws: WebSocket, response: ResponseEnvelope): void {
  if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(response));
}
