import fs from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../../src/log/logger';
import { captureFileName } from './capture-format';

/** Lines waiting for the disk beyond this are dropped (and counted), so a stuck disk cannot eat memory. */
const MAX_PENDING_LINES = 10_000;

/**
 * Appends capture lines to `<dir>/capture-YYYY-MM-DD.jsonl`, one write at a time and in order, off the
 * scan path: `write()` returns at once and never throws. A failing disk gives one warning per run of
 * failures, never a broken scan. One writer is shared by all of a station's recorders.
 */
export class CaptureWriter {
  private queue: Promise<void> = Promise.resolve();
  private pending = 0;
  private dropped = 0;
  private failing = false;
  private madeDir = false;

  constructor(
    readonly dir: string,
    private readonly log: Logger,
  ) {}

  write(line: string, at: number): void {
    if (this.pending >= MAX_PENDING_LINES) {
      this.dropped += 1;
      return;
    }
    this.pending += 1;
    this.queue = this.queue.then(() => this.append(line, at)).finally(() => {
      this.pending -= 1;
    });
  }

  /** Resolves when every line written so far is on disk (or has failed); for shutdown and tests. */
  flush(): Promise<void> {
    return this.queue;
  }

  private async append(line: string, at: number): Promise<void> {
    const file = path.join(this.dir, captureFileName(at));
    try {
      if (!this.madeDir) {
        await fs.mkdir(this.dir, { recursive: true });
        this.madeDir = true;
      }
      await fs.appendFile(file, line, 'utf8');
      if (this.failing || this.dropped > 0) this.log.info('scan capture writing again', { file, droppedLines: this.dropped });
      this.failing = false;
      this.dropped = 0;
    } catch (error) {
      if (!this.failing) {
        this.log.warn('scan capture cannot write; scanning goes on without it', { file, error: (error as Error).message });
      }
      this.failing = true;
      this.madeDir = false; // the folder may have been removed: try again next time
    }
  }
}
