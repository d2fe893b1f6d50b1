/**
 * "Answer first" on the screen: after a scan's answer is shown, the state that follows it (the bag, the
 * list of last scans) waits until that answer has been painted, so the answer's frame carries only the
 * answer. Updates keep their order: a full state never overtakes a patch queued before it.
 */
export interface PaintGate {
  /** The answer was just shown: hold what follows until the next frame has been painted. */
  holdForPaint(): void;
  /** Runs `apply` now, or after the held frame (in arrival order). */
  run(apply: () => void): void;
}

/** The next frame painted: its requestAnimationFrame, then a task (the paint happens between the two). */
function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => {
    const next = () => setTimeout(resolve, 0);
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(next);
    else next();
  });
}

export function createPaintGate(nextPaint: () => Promise<void> = afterNextPaint): PaintGate {
  let queue: Promise<void> | null = null;
  return {
    holdForPaint() {
      const held = (queue ?? Promise.resolve()).then(nextPaint);
      queue = held;
      void held.then(() => { if (queue === held) queue = null; });
    },
    run(apply) {
      if (!queue) { apply(); return; }
      const chained = queue.then(apply);
      queue = chained;
      void chained.then(() => { if (queue === chained) queue = null; });
    },
  };
}
