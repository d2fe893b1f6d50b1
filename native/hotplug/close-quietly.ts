import type { Logger } from '../../src/log/logger';
import type { HidHandle } from '../hid/hid-backend';

/** Longest we wait for a device to close; an unplugged device must never hang stop() or a reconnect. */
const CLOSE_TIMEOUT_MS = 2000;

/**
 * Closes a device handle without throwing or hanging. Our listeners go first, and a no-op error
 * listener stays, because an EventEmitter that emits 'error' with no listener throws (a crash).
 */
export async function closeQuietly(handle: HidHandle, log: Logger): Promise<void> {
  handle.removeAllListeners();
  handle.on('error', () => undefined);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      log.warn('HID device did not close in time; abandoning it', { timeoutMs: CLOSE_TIMEOUT_MS });
      resolve();
    }, CLOSE_TIMEOUT_MS);
    timer.unref?.();
  });
  const closed = handle.close().catch((error: unknown) => {
    log.debug('HID close failed (device probably gone)', { error: error instanceof Error ? error.message : String(error) });
  });
  await Promise.race([closed, timedOut]);
  clearTimeout(timer);
}
