import type { Kernel, ModuleRuntime, WorkflowModule } from '../../core/workflow';

/**
 * A module that also runs after another module's commit (a close hook): its `start` returns the runtime
 * and the hook, and `hookOf(kernel)` finds that station's hook (tests run several stations in one process,
 * and each hook call brings its station's kernel).
 */
export function moduleWithHook<H>(descriptor: Omit<WorkflowModule, 'start'>, start: (kernel: Kernel) => { runtime: ModuleRuntime; hook: H }): {
  module: WorkflowModule; hookOf(kernel: Kernel): H | undefined;
} {
  const running = new WeakMap<Kernel, H>();
  const module: WorkflowModule = {
    ...descriptor,
    start: (kernel) => {
      const { runtime, hook } = start(kernel);
      running.set(kernel, hook);
      return runtime;
    },
  };
  return { module, hookOf: (kernel) => running.get(kernel) };
}
