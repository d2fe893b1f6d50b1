import type { IncomingMessage, OutgoingHttpHeaders } from 'node:http';

/** The page may load only its own files and talk only to its own WebSocket. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; connect-src 'self' ws://127.0.0.1:* ws://localhost:*; style-src 'self'; script-src 'self'; img-src 'self' data:";

export const SECURITY_HEADERS: OutgoingHttpHeaders = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|::1|\[::1\])$/i;

/**
 * Which `Host` headers this server answers to. Bound to loopback, only loopback names are accepted,
 * so a web page that rebinds its own DNS name to 127.0.0.1 cannot reach the station API.
 */
export function hostChecker(bindHost: string, port: number): (host: string | undefined) => boolean {
  if (!LOOPBACK.test(bindHost)) return (host) => host !== undefined;
  const allowed = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `${bindHost}:${port}`]);
  return (host) => host !== undefined && allowed.has(host.toLowerCase());
}

/**
 * A WebSocket upgrade is accepted only from a page served by this very server (Origin equals
 * `http://<Host>` and Host is ours). A client that sends no Origin is not a browser page (a local
 * tool or test); browsers always send one.
 */
export function upgradeAllowed(req: IncomingMessage, hostAllowed: (host: string | undefined) => boolean): boolean {
  const host = req.headers.host;
  if (!hostAllowed(host)) return false;
  const origin = req.headers.origin;
  return origin === undefined || origin.toLowerCase() === `http://${host?.toLowerCase()}`;
}
