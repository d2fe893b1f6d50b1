import net from 'node:net';

/**
 * A TCP proxy between a client and a server that a test can break on purpose: cut every connection,
 * stall traffic, refuse new connections, or cut exactly when a large request is half through (a batch
 * in flight) or when the server's reply to COMMIT is on its way back (an acknowledgement lost after
 * the commit). Traffic is forwarded chunk by chunk so it can be inspected.
 */
export interface TcpProxy {
  port: number;
  /** Destroys every open connection, both sides. */
  cutAll(): void;
  /** Holds traffic in both directions (and new connections) until resume(). */
  stall(): void;
  resume(): void;
  /** While down, new connections are closed at once (connection refused is not possible on a listening port). */
  setDown(down: boolean): void;
  /** Resolves after the next client→server chunk of at least `minBytes` was cut halfway through. */
  cutMidRequest(minBytes: number): Promise<void>;
  /** Resolves once the next client→server chunk of at least `minBytes` was half forwarded and all traffic then stalled. */
  stallMidRequest(minBytes: number): Promise<void>;
  /** Resolves after the next server reply containing COMMIT's completion was dropped and its connection cut. */
  cutOnCommitReply(): Promise<void>;
  readonly openConnections: number;
  close(): Promise<void>;
}

const COMMIT_COMPLETE = Buffer.from('COMMIT\0');

export async function startTcpProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
  const pairs = new Set<{ client: net.Socket; server: net.Socket }>();
  let stalled = false;
  let down = false;
  const held: Array<() => void> = [];
  let midRequest: { minBytes: number; action: 'cut' | 'stall'; done: () => void } | null = null;
  let onCommit: (() => void) | null = null;

  const forward = (pair: { client: net.Socket; server: net.Socket }, from: net.Socket, to: net.Socket, upstream: boolean) => {
    from.on('data', (chunk: Buffer) => {
      const send = () => {
        if (upstream && midRequest && chunk.length >= midRequest.minBytes) {
          const { done, action } = midRequest;
          midRequest = null;
          const half = chunk.length >> 1;
          if (action === 'cut') {
            to.write(chunk.subarray(0, half), () => destroy(pair));
          } else {
            to.write(chunk.subarray(0, half));
            stalled = true;
            held.push(() => to.write(chunk.subarray(half)));
          }
          done();
          return;
        }
        if (!upstream && onCommit && chunk.includes(COMMIT_COMPLETE)) {
          const done = onCommit;
          onCommit = null;
          destroy(pair);
          done();
          return;
        }
        to.write(chunk);
      };
      if (stalled) held.push(send);
      else send();
    });
  };

  const destroy = (pair: { client: net.Socket; server: net.Socket }) => {
    pair.client.destroy();
    pair.server.destroy();
    pairs.delete(pair);
  };

  const server = net.createServer((client) => {
    if (down) {
      client.destroy();
      return;
    }
    const upstream = net.connect(targetPort, targetHost);
    const pair = { client, server: upstream };
    pairs.add(pair);
    forward(pair, client, upstream, true);
    forward(pair, upstream, client, false);
    for (const s of [client, upstream]) {
      s.on('error', () => destroy(pair));
      s.on('close', () => destroy(pair));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;

  return {
    port,
    cutAll: () => [...pairs].forEach(destroy),
    stall: () => {
      stalled = true;
    },
    resume: () => {
      stalled = false;
      held.splice(0).forEach((send) => send());
    },
    setDown: (d) => {
      down = d;
    },
    cutMidRequest: (minBytes) => new Promise<void>((resolve) => {
      midRequest = { minBytes, action: 'cut', done: resolve };
    }),
    stallMidRequest: (minBytes) => new Promise<void>((resolve) => {
      midRequest = { minBytes, action: 'stall', done: resolve };
    }),
    cutOnCommitReply: () => new Promise<void>((resolve) => {
      onCommit = resolve;
    }),
    get openConnections() {
      return pairs.size;
    },
    close: async () => {
      [...pairs].forEach(destroy);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
