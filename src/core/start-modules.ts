import type { Registry } from './registry';
import type { RouteTable } from './router';
import type { Identity, Kernel, ModuleRuntime } from './workflow';

/** The modules running: each one's runtime, the one identity among them, and who takes which scan. */
export interface StartedModules {
  runtimes: ReadonlyMap<string, ModuleRuntime>;
  identity: Identity | null;
  routes: RouteTable;
}

/** Starts every module in the registry's order and checks what only one of them may claim. */
export function startModules(registry: Registry, kernel: Kernel): StartedModules {
  const runtimes = new Map<string, ModuleRuntime>();
  for (const module of registry.modules) runtimes.set(module.id, module.start?.(kernel) ?? {});
  return { runtimes, identity: singleIdentity(runtimes), routes: routeTable(runtimes) };
}

/** The one module that tells the core who is signed in (the sessions module); none in a bare test. */
function singleIdentity(runtimes: ReadonlyMap<string, ModuleRuntime>): Identity | null {
  const providers = [...runtimes].filter(([, r]) => r.identity);
  if (providers.length > 1) throw new Error(`more than one module provides the identity: ${providers.map(([id]) => id).join(', ')}`);
  return providers[0]?.[1].identity ?? null;
}

/** The badge taker, the mode (the first module that claims other code classes), the command barcodes and who may take the scanner. */
function routeTable(runtimes: ReadonlyMap<string, ModuleRuntime>): RouteTable {
  let badge: RouteTable['badge'] = null;
  let mode: RouteTable['mode'] = null;
  const commandBarcodes = new Map<string, string>();
  const capturing: Array<{ module: string; capture: NonNullable<ModuleRuntime['capture']> }> = [];
  for (const [id, runtime] of runtimes) {
    const { badge: badgeHandler, ...others } = runtime.scans ?? {};
    if (badgeHandler) {
      if (badge) throw new Error(`modules ${badge.module} and ${id} both take badges`);
      badge = { module: id, handler: badgeHandler };
    }
    if (!mode && Object.keys(others).length > 0) mode = { module: id, handlers: others };
    for (const [barcode, command] of Object.entries(runtime.commandBarcodes ?? {})) {
      if (commandBarcodes.has(barcode)) throw new Error(`command barcode CMD:${barcode} is claimed twice`);
      commandBarcodes.set(barcode, command);
    }
    if (runtime.capture) capturing.push({ module: id, capture: runtime.capture.bind(runtime) });
  }
  const captured = () => {
    for (const { module, capture } of capturing) {
      const handler = capture();
      if (handler) return { module, handler };
    }
    return null;
  };
  return { badge, mode, commandBarcodes, captured };
}
