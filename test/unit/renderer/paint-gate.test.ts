import { createPaintGate } from '../../../renderer/src/state/paint-gate';

/** A frame the test paints by hand. */
function frames() {
  const waiting: Array<() => void> = [];
  return { next: () => new Promise<void>((resolve) => waiting.push(resolve)), paint: async () => {
    await new Promise((r) => setTimeout(r, 0)); // the gate asks for its frame in a microtask
    const frame = waiting.shift();
    if (!frame) throw new Error('no frame was asked for');
    frame();
    await new Promise((r) => setTimeout(r, 0));
  } };
}

test('with no answer waiting to be painted, an update applies at once', () => {
  const gate = createPaintGate(frames().next);
  const applied: string[] = [];
  gate.run(() => applied.push('patch'));
  expect(applied).toEqual(['patch']);
});

test('after an answer, updates wait for its frame and keep their order; later ones apply at once again', async () => {
  const f = frames();
  const gate = createPaintGate(f.next);
  const applied: string[] = [];
  gate.holdForPaint();
  gate.run(() => applied.push('patch 1'));
  gate.run(() => applied.push('full state'));
  await new Promise((r) => setTimeout(r, 0));
  expect(applied).toEqual([]);
  await f.paint();
  expect(applied).toEqual(['patch 1', 'full state']);
  gate.run(() => applied.push('patch 2'));
  expect(applied).toEqual(['patch 1', 'full state', 'patch 2']);
});

test('two answers in a row: what follows waits for both frames', async () => {
  const f = frames();
  const gate = createPaintGate(f.next);
  const applied: string[] = [];
  gate.holdForPaint();
  gate.holdForPaint();
  gate.run(() => applied.push('patch'));
  await f.paint();
  expect(applied).toEqual([]);
  await f.paint();
  expect(applied).toEqual(['patch']);
});
