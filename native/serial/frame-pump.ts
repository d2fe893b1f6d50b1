import { FrameOutput, Framer, FramingOptions } from '../../src/scan/framer';

/**
 * Drives the pure framer with real time: feeds it the bytes as they arrive and runs its inter-byte
 * timer, so a scan that ends by timeout (no suffix) is delivered without waiting for more bytes.
 */
export class FramePump {
  private readonly framer: Framer;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    options: FramingOptions,
    private readonly emit: (output: FrameOutput) => void,
    private readonly now: () => number = Date.now,
  ) {
    this.framer = new Framer(options);
  }

  push(chunk: Uint8Array): void {
    this.deliver(this.framer.push(chunk, this.now()));
    this.arm();
  }

  /**
   * Stops the timer; bytes of an unfinished scan are dropped. Used on stop() only: after an unplug
   * the pending timer is left to fire, so a timeout-ended scan that arrived just before is not lost.
   */
  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private arm(): void {
    this.dispose();
    const due = this.framer.deadline();
    if (due === null) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.deliver(this.framer.flush(this.now()));
      this.arm(); // still pending if the timer fired a hair early
    }, Math.max(0, due - this.now()));
  }

  private deliver(outputs: FrameOutput[]): void {
    for (const output of outputs) this.emit(output);
  }
}
