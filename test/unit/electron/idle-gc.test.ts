import v8 from 'node:v8';
import { youngGenerationGcWhenSettled } from '../../../main/idle-gc';

describe('the young-generation GC between scans', () => {
  it('does nothing without --expose-gc (V8 keeps its own timing)', () => {
    expect(youngGenerationGcWhenSettled(undefined)).toBeUndefined();
  });

  it('collects, after a settled scan, once the young generation is more than half full', () => {
    const gc = jest.fn();
    let used = 0.6;
    const settled = youngGenerationGcWhenSettled(gc, () => ({ used, size: 1 }))!;
    for (let i = 0; i < 4; i++) settled();
    expect(gc).not.toHaveBeenCalled(); // looked at only every 5th settled scan
    settled();
    expect(gc).toHaveBeenCalledWith({ type: 'minor', execution: 'sync' });
    used = 0.4;
    for (let i = 0; i < 20; i++) settled();
    expect(gc).toHaveBeenCalledTimes(1);
  });

  it('reads the real young generation when given no reader', () => {
    // The default reader must find V8's new space here, or the GC would silently never run.
    expect(v8.getHeapSpaceStatistics().some((s) => s.space_name === 'new_space')).toBe(true);
    const gc = jest.fn();
    const settled = youngGenerationGcWhenSettled(gc)!;
    for (let i = 0; i < 5; i++) settled();
    expect(gc.mock.calls.length).toBeLessThanOrEqual(1);
  });
});
