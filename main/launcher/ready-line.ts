/**
 * The URL in `station serve`'s ready line ("station ready: http://127.0.0.1:4780", READY_PREFIX in
 * main/cli/commands/serve.ts). Matched here rather than imported, so the launcher loads none of
 * the station's code; a unit test keeps the two in step.
 */
const READY_LINE = /^station ready: (https?:\/\/\S+)\s*$/;

export function readyUrl(line: string): string | null {
  return READY_LINE.exec(line)?.[1] ?? null;
}
