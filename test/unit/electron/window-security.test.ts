import fs from 'node:fs';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY, isAllowedRequestUrl, withContentSecurityPolicy } from '../../../main/electron/content-security';
import { windowOptions } from '../../../main/electron/window-options';

describe('windowOptions', () => {
  test('isolated, sandboxed, no Node in the page, in kiosk and out of it', () => {
    for (const kiosk of [true, false]) {
      expect(windowOptions({ kiosk, preloadPath: '/app/preload.js' }).webPreferences).toMatchObject({
        preload: '/app/preload.js', contextIsolation: true, sandbox: true, nodeIntegration: false,
        nodeIntegrationInSubFrames: false, webSecurity: true, webviewTag: false,
      });
    }
  });

  test('kiosk mode is full screen with devtools off; desktop mode keeps devtools', () => {
    expect(windowOptions({ kiosk: true, preloadPath: 'p' })).toMatchObject({ kiosk: true, fullscreen: true, webPreferences: { devTools: false } });
    expect(windowOptions({ kiosk: false, preloadPath: 'p' })).toMatchObject({ kiosk: false, webPreferences: { devTools: true } });
  });
});

describe('content security', () => {
  test('the policy forbids everything by default and allows scripts only from the app', () => {
    expect(CONTENT_SECURITY_POLICY).toMatch(/default-src 'none'/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/script-src 'self'(;|$)/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(inline|eval)/);
  });

  test('replaces any CSP a response brought, whatever its case, and keeps the other headers', () => {
    const headers = withContentSecurityPolicy({ 'content-security-policy': ["default-src *"], 'X-Test': 'a' });
    expect(headers).toEqual({ 'X-Test': ['a'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });

  test('only local app files and in-page data may load; no network', () => {
    expect(isAllowedRequestUrl('file:///app/dist/renderer/app.js')).toBe(true);
    expect(isAllowedRequestUrl('data:image/png;base64,AAAA')).toBe(true);
    for (const url of ['https://example.com/x.js', 'http://127.0.0.1:4780/', 'ws://127.0.0.1/ws']) expect(isAllowedRequestUrl(url)).toBe(false);
  });
});

describe('preload', () => {
  // A sandboxed preload can require 'electron' and nothing else; any other runtime import breaks it.
  test('imports only types, apart from electron itself', () => {
    const source = fs.readFileSync(path.join(__dirname, '../../../main/electron/preload.ts'), 'utf8');
    const runtimeImports = [...source.matchAll(/^import\s+(?!type\s)[^;]*?from\s+'([^']+)'/gms)].map((m) => m[1]);
    expect(runtimeImports).toEqual(['electron']);
  });
});
