import fs from 'node:fs';
import { SerialPort } from 'serialport';

/** The binding `serialport` picked for this platform (bindings-cpp). */
export type SerialBinding = typeof SerialPort.binding;

/** What a unix port binding of bindings-cpp has: its non-blocking fd and the uv_poll watcher on it. */
interface PolledPort {
  readonly fd: number | null;
  readonly isOpen: boolean;
  readonly poller: { once(event: 'readable', listener: (err: Error | null) => void): unknown };
  read(buffer: Buffer, offset: number, length: number): Promise<{ bytesRead: number; buffer: Buffer }>;
}

const TRY_AGAIN = new Set(['EAGAIN', 'EWOULDBLOCK', 'EINTR']);
/** As bindings-cpp's own read: these mean the device went away. */
const GONE = new Set(['EBADF', 'ENXIO', 'UNKNOWN']);

/**
 * bindings-cpp reads a unix port with `fs.read` on libuv's thread pool: when the poller says the tty
 * is readable, the read is handed to a pool thread, and its result comes back to the main thread in
 * a second wake-up (and each read that finds nothing costs another round trip). The port's fd is
 * non-blocking (bindings-cpp opens it O_NONBLOCK), so reading it right in the poller's callback
 * cannot block: this binding does that, and otherwise is bindings-cpp's (open, termios, write, close,
 * the poller, the errors the stream expects: a read pending at close fails with `canceled`).
 * Windows has no poller; it keeps its binding as is.
 */
export function directReadBinding(base: SerialBinding = SerialPort.binding): SerialBinding {
  if (process.platform === 'win32') return base;
  const binding = {
    list: () => base.list(),
    async open(options: Parameters<SerialBinding['open']>[0]) {
      const port = await (base.open as (o: typeof options) => Promise<unknown>)(options);
      if (isPolled(port)) port.read = (buffer, offset, length) => readWhenReadable(port, buffer, offset, length);
      return port;
    },
  };
  return binding as unknown as SerialBinding;
}

function isPolled(port: unknown): port is PolledPort {
  const p = port as Partial<PolledPort> | null;
  return typeof p?.fd === 'number' && typeof p.poller?.once === 'function' && typeof p.read === 'function';
}

/** Reads what is there now; when nothing is, waits for the poller and reads again. Resolves with at least one byte. */
async function readWhenReadable(port: PolledPort, buffer: Buffer, offset: number, length: number): Promise<{ bytesRead: number; buffer: Buffer }> {
  for (;;) {
    if (!port.isOpen || port.fd === null) throw Object.assign(new Error('Port is not open'), { canceled: true });
    try {
      const bytesRead = fs.readSync(port.fd, buffer, offset, length, null);
      if (bytesRead > 0) return { bytesRead, buffer };
      // 0 bytes: end of file on a hung-up tty; the poller reports that (an error ends the wait below).
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? '';
      if (!TRY_AGAIN.has(code)) {
        if (GONE.has(code) || (err as NodeJS.ErrnoException).errno === -1) Object.assign(err as object, { disconnect: true });
        throw err;
      }
    }
    await new Promise<void>((resolve, reject) => {
      port.poller.once('readable', (err) => (err ? reject(err) : resolve()));
    });
  }
}
