import type { CodeClass } from '../api';
import type { DecodedScan } from '../scan/decode';
import type { ScanHandler } from './workflow';

/** Where one decoded scan goes. */
export type Route =
  | { kind: 'prompt' }
  | { kind: 'scan'; module: string; handler: ScanHandler }
  | { kind: 'command'; name: string }
  | { kind: 'refuse'; reason: string };

/** Who takes what, built once from the started modules. */
export interface RouteTable {
  /** The module that takes badges (sessions), whatever the mode. */
  badge: { module: string; handler: ScanHandler } | null;
  /** The active mode's module and the code classes it claims. */
  mode: { module: string; handlers: Partial<Record<CodeClass, ScanHandler>> } | null;
  /** `CLOSE` → `bag.close`. */
  commandBarcodes: ReadonlyMap<string, string>;
  /** The first module (in start order) that has taken the scanner for what it holds, or null. */
  captured(): { module: string; handler: ScanHandler } | null;
}

/**
 * Pure: an open prompt (a supervisor's badge, a confirmation) takes the scan first; then a badge goes
 * to the sessions module and a command barcode to the module that names it; then a module that has
 * taken the scanner (a bill, a manifest, the search screen); then the active mode's module, if it
 * claims the code class; anything else is refused (and recorded by the caller).
 */
export function route(scan: DecodedScan, table: RouteTable, promptTakes: (codeClass: CodeClass) => boolean): Route {
  if (!scan.valid) return { kind: 'refuse', reason: `Unreadable scan: ${scan.error ?? 'the scanner sent garbled data'}` };
  if (promptTakes(scan.codeClass)) return { kind: 'prompt' };
  if (scan.codeClass === 'badge' && table.badge) return { kind: 'scan', ...table.badge };
  if (scan.codeClass === 'command') {
    const name = scan.command === null ? undefined : table.commandBarcodes.get(scan.command);
    return name ? { kind: 'command', name } : { kind: 'refuse', reason: `Unknown command ${scan.key}` };
  }
  const captured = table.captured();
  if (captured) return { kind: 'scan', ...captured };
  const handler = table.mode?.handlers[scan.codeClass];
  if (table.mode && handler) return { kind: 'scan', module: table.mode.module, handler };
  return { kind: 'refuse', reason: `Unknown code "${scan.text}": not a ${expected(table)} code` };
}

/** "parent, child or command": what this station takes right now, in words. */
function expected(table: RouteTable): string {
  const classes = [...Object.keys(table.mode?.handlers ?? {}), ...(table.commandBarcodes.size > 0 ? ['command'] : [])];
  if (classes.length <= 1) return classes[0] ?? 'known';
  return `${classes.slice(0, -1).join(', ')} or ${classes.at(-1)}`;
}
