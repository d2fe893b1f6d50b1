import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { StationConfig } from '../../src/config/schema';
import type { StationEndpoint } from '../../src/dispatch';
import { httpStatusOf, type HealthReport } from '../../src/health-report';
import type { Logger } from '../../src/log/logger';
import { hostChecker, SECURITY_HEADERS, upgradeAllowed } from './security';
import { readStatic } from './static-files';
import { createWsBridge } from './ws-bridge';

export interface HeadlessOptions {
  endpoint: StationEndpoint;
  config: Pick<StationConfig, 'http'>;
  logger: Logger;
  /** The built renderer (index.html, app.js, app.css), usually `dist/renderer`. */
  rendererDir: string;
  /** GET /health for fleet monitoring (docs/health.md); absent: 404. */
  health?: () => HealthReport;
}

export interface HeadlessHost {
  /** e.g. http://127.0.0.1:4780 */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** The headless host: the built renderer over HTTP and the station API over a WebSocket at /ws. */
export async function startHeadless(options: HeadlessOptions): Promise<HeadlessHost> {
  const { endpoint, logger, rendererDir } = options;
  const bridge = createWsBridge(endpoint, logger);
  let hostAllowed: (host: string | undefined) => boolean = () => false;

  const server = http.createServer((req, res) => {
    const reply = (status: number, type: string, body: string | Buffer) => {
      res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (!hostAllowed(req.headers.host)) return reply(421, 'text/plain; charset=utf-8', 'unknown host\n');
    if (req.method !== 'GET' && req.method !== 'HEAD') return reply(405, 'text/plain; charset=utf-8', 'method not allowed\n');
    const urlPath = (req.url ?? '/').split('?')[0] ?? '/';
    if (urlPath === '/healthz') return reply(200, 'application/json', JSON.stringify({ ok: true }));
    // No session: a monitor polls it. 503 only when scans cannot be taken (src/health-report.ts).
    if (urlPath === '/health' && options.health) {
      let report: HealthReport;
      try {
        report = options.health();
      } catch (err) {
        logger.error('health report failed', { error: String(err) });
        return reply(500, 'application/json', JSON.stringify({ status: 'down', error: 'the health report could not be built' }));
      }
      return reply(httpStatusOf(report), 'application/json', JSON.stringify(report));
    }
    readStatic(rendererDir, urlPath).then((answer) => {
      if (answer.status === 200) reply(200, answer.type, answer.body);
      else reply(answer.status, 'text/plain; charset=utf-8', `${answer.message}\n`);
    }, (err: unknown) => {
      logger.error('static file failed', { path: urlPath, error: String(err) });
      reply(500, 'text/plain; charset=utf-8', 'internal error\n');
    });
  });

  server.on('upgrade', (req, socket, head) => {
    const urlPath = (req.url ?? '').split('?')[0];
    if (urlPath !== '/ws' || !upgradeAllowed(req, hostAllowed)) {
      logger.warn('websocket upgrade refused', { path: urlPath, origin: req.headers.origin, host: req.headers.host });
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    bridge.handleUpgrade(req, socket, head);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.config.http.port, options.config.http.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  hostAllowed = hostChecker(options.config.http.host, port);
  const shownHost = ['0.0.0.0', '::'].includes(options.config.http.host) ? '127.0.0.1' : options.config.http.host;

  return {
    url: `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`,
    port,
    close: () => new Promise<void>((resolve) => {
      bridge.close();
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
