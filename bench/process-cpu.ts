/**
 * CPU time of a server process and its children (Postgres's postmaster and its backends), read from
 * /proc: the figure a benchmark divides by the events it moved to get CPU per event.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

const TICKS_PER_S = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** [ppid, utime + stime in ticks] of one process, or null if it is gone. */
function stat(pid: string): [number, number] | null {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command name may hold spaces and parentheses: the fields start after the last ')'
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return [Number(fields[1]), Number(fields[11]) + Number(fields[12])];
  } catch {
    return null;
  }
}

/** CPU ms used so far by `root` and its direct children (backends that exited are not counted). */
export function treeCpuMs(root: number): number {
  let ticks = 0;
  for (const pid of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const s = stat(pid);
    if (s && (Number(pid) === root || s[0] === root)) ticks += s[1];
  }
  return (ticks * 1000) / TICKS_PER_S;
}

/** The postmaster's pid, from one of its backends. */
export function parentOf(pid: number): number {
  const s = stat(String(pid));
  if (!s) throw new Error(`process ${pid} is gone`);
  return s[0];
}
