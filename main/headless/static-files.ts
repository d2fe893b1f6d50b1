import fs from 'node:fs/promises';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export type StaticAnswer =
  | { status: 200; type: string; body: Buffer }
  | { status: 400 | 404; message: string };

/**
 * Reads a file of the built renderer for a URL path. The resolved path must stay inside `root`
 * (no `..`, no encoded slashes, no NUL), so nothing outside the renderer folder can be served.
 */
export async function readStatic(root: string, urlPath: string): Promise<StaticAnswer> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { status: 400, message: 'bad URL encoding' };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { status: 400, message: 'bad path' };
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const base = path.resolve(root);
  const file = path.resolve(base, relative);
  if (!file.startsWith(base + path.sep)) return { status: 400, message: 'bad path' };
  const type = TYPES[path.extname(file).toLowerCase()];
  if (!type) return { status: 404, message: 'not found' };
  try {
    return { status: 200, type, body: await fs.readFile(file) };
  } catch {
    return { status: 404, message: decoded === '/' ? 'the renderer is not built: run "npm run build"' : 'not found' };
  }
}
