import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, serve, signInDemo, type Served } from './serve-process';

let dir: string;
let host: Served;
let client: Client;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bridge-'));
  host = await serve(['--data-dir', dir]);
  client = await Client.open(host.port);
  await signInDemo(client);
});
afterAll(async () => {
  client?.close();
  await host?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('malformed WebSocket messages are rejected with a specific error and the connection stays up', () => {
  test.each([
    ['not JSON', '{"id": 1, "name":', null, 'malformed message: not JSON'],
    ['wrong envelope', JSON.stringify({ name: 'station.state', payload: {} }), null, 'malformed message: id: '],
    ['extra envelope field', JSON.stringify({ id: 5, name: 'station.state', payload: {}, admin: true }), null, 'malformed message: payload: Unrecognized key: "admin"'],
    ['unknown name', JSON.stringify({ id: 6, name: 'db.drop', payload: {} }), 6, 'unknown request "db.drop"'],
    ['bad payload', JSON.stringify({ id: 7, name: 'scan.submit', payload: { code: 'P-123', source: 'usb' } }), 7, 'invalid scan.submit: source: '],
    ['oversize code', JSON.stringify({ id: 8, name: 'scan.submit', payload: { code: `P-${'9'.repeat(5000)}`, source: 'wedge' } }), 8, 'invalid scan.submit: code: Too big'],
  ])('%s', async (_what, text, id, message) => {
    const response = await client.sendRaw(text, id);
    expect(response).toMatchObject({ kind: 'response', id, ok: false, error: { code: 'bad-request' } });
    expect(response.error!.message).toContain(message);
    // The same connection still answers a valid request.
    const state = await client.request('station.state', {});
    expect(state).toMatchObject({ ok: true, result: { stationId: 'station-1' } });
  });

  test('a binary frame is refused in words', async () => {
    const response = await client.sendRaw(Buffer.from([0, 1, 2, 3]), null);
    expect(response.error).toEqual({ code: 'bad-request', message: 'malformed message: binary frames are not accepted, send JSON text' });
    expect((await client.request('station.state', {})).ok).toBe(true);
  });
});

describe('the bridge', () => {
  test('a scan is answered and its result and the new state are pushed to every client', async () => {
    const other = await Client.open(host.port);
    const before = other.events.length;
    const response = await client.request('scan.submit', { code: 'P-BRIDGE', source: 'demo' });
    expect(response.result).toMatchObject({ outcome: 'good', code: 'P-BRIDGE', codeClass: 'parent', deviceId: 'demo', seq: expect.any(Number) });
    // The result is pushed before the response; the slices it touched follow about a millisecond later.
    expect(await other.event('scan.result', before)).toEqual({ kind: 'event', name: 'scan.result', payload: response.result });
    const patch = await other.event('state.patch', before);
    expect(patch.payload).toMatchObject({ slices: { bag: { openParent: { code: 'P-BRIDGE', capacity: 10, children: [] } } }, results: [response.result] });
    other.close();
  });

  test('an error stays in the state until it is acknowledged', async () => {
    const bad = await client.request('scan.submit', { code: 'NOT-A-BAG', source: 'wedge' });
    expect(bad.result).toMatchObject({ outcome: 'bad', message: 'Unknown code "NOT-A-BAG": not a parent, child or command code' });
    const pending = (await client.request('station.state', {})).result.pendingErrors;
    const error = pending.find((e: { code?: string }) => e.code === 'NOT-A-BAG');
    expect(error).toMatchObject({ message: bad.result.message });
    expect((await client.request('error.ack', { id: error.id })).result).toEqual({ acknowledged: true });
    expect((await client.request('error.ack', { id: error.id })).result).toEqual({ acknowledged: false });
    const after = (await client.request('station.state', {})).result.pendingErrors;
    expect(after.find((e: { id: string }) => e.id === error.id)).toBeUndefined();
  });

  test('a WebSocket from another origin is refused; the own origin is accepted', async () => {
    await expect(Client.open(host.port, 'http://evil.example')).rejects.toThrow('upgrade refused: 403');
    await expect(Client.open(host.port, `http://localhost:${host.port + 1}`)).rejects.toThrow('upgrade refused: 403');
    const own = await Client.open(host.port, `http://127.0.0.1:${host.port}`);
    own.close();
  });
});

describe('HTTP', () => {
  test('the renderer is served with a strict CSP', async () => {
    const res = await fetch(`${host.url}/`);
    expect(res.headers.get('content-security-policy'))
      .toBe("default-src 'self'; connect-src 'self' ws://127.0.0.1:* ws://localhost:*; style-src 'self'; script-src 'self'; img-src 'self' data:");
    expect([200, 404]).toContain(res.status); // 404 only when the renderer was not built
  });

  test('/healthz answers', async () => {
    const res = await fetch(`${host.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  test.each(['/../package.json', '/%2e%2e/%2e%2e/package.json', '/..%2f..%2fpackage.json', '/%00index.html', '/app.js%5c..%5c..%5cpackage.json'])(
    'no path escapes the renderer folder: %s', async (p) => {
      const res = await rawGet(host.port, p);
      expect(res.status).toBe(400);
      expect(res.body).not.toContain('scan-station');
    },
  );

  test('a foreign Host header is refused (DNS rebinding)', async () => {
    const res = await rawGet(host.port, '/healthz', 'evil.example');
    expect(res.status).toBe(421);
  });
});

/** fetch() normalises `..` away, so traversal attempts go over a raw socket. */
async function rawGet(port: number, target: string, hostHeader = `127.0.0.1:${port}`): Promise<{ status: number; body: string }> {
  const net = await import('node:net');
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(`GET ${target} HTTP/1.1\r\nHost: ${hostHeader}\r\nConnection: close\r\n\r\n`));
    let data = '';
    socket.on('data', (d) => { data += String(d); });
    socket.on('end', () => resolve({ status: Number(data.split(' ')[1]), body: data.split('\r\n\r\n').slice(1).join('') }));
    socket.on('error', reject);
  });
}
