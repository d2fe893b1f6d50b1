/** A pure state machine that ends its output by time: the serial Framer and the HID keyboard scanner both are. */
export interface DeadlineMachine<In, Out> {
  push(input: In, now: number): Out[];
  flush(now: number): Out[];
  /** Epoch ms when flush() is due, or null when nothing is pending. */
  deadline(): number | null;
}

/**
 * Drives such a machine with real time: feeds it input as it arrives and runs a timer for its
 * deadline, so a scan that ends by a pause (no suffix) is delivered without waiting for more input.
 */
export class DeadlinePump<In, Out> {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly machine: DeadlineMachine<In, Out>,
    private readonly emit: (output: Out) => void,
    private readonly now: () => number = Date.now,
  ) {}

  push(input: In): void {
    this.deliver(this.machine.push(input, this.now()));
    this.arm();
  }

  /** Stops the timer; a scan still pending is dropped. For stop() only. */
  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private arm(): void {
    this.dispose();
    const due = this.machine.deadline();
    if (due === null) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.deliver(this.machine.flush(this.now()));
      this.arm(); // still pending if the timer fired a hair early
    }, Math.max(0, due - this.now()));
  }

  private deliver(outputs: Out[]): void {
    for (const output of outputs) this.emit(output);
  }
}
