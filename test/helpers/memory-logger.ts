import type { Logger } from '../../src/log/logger';

export interface LogEntry {
  level: string;
  message: string;
  [key: string]: unknown;
}

/**
 * A synchronous stand-in for the winston logger (the methods adapters use), keeping every entry so a
 * test can assert "exactly one warning" without timers or streams. Child metadata is merged in.
 */
export function memoryLogger(): { logger: Logger; entries: LogEntry[]; at(level: string): LogEntry[] } {
  const entries: LogEntry[] = [];
  const make = (meta: Record<string, unknown>): unknown => {
    const self: Record<string, unknown> = {};
    const write = (level: string) => (message: string, extra?: Record<string, unknown>) => {
      entries.push({ ...meta, ...extra, level, message });
      return self;
    };
    Object.assign(self, {
      child: (more: Record<string, unknown>) => make({ ...meta, ...more }),
      log: (level: string, message: string, extra?: Record<string, unknown>) => write(level)(message, extra),
      error: write('error'),
      warn: write('warn'),
      info: write('info'),
      debug: write('debug'),
    });
    return self;
  };
  return { logger: make({}) as Logger, entries, at: (level) => entries.filter((e) => e.level === level) };
}
