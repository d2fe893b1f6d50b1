import winston from 'winston';
import DailyRotateFile from 'winston-daily-rotate-file';
import { redactSecrets } from './redact';

export type Logger = winston.Logger;

export interface LoggerOptions {
  level: string;
  /** Folder for the rotating JSON-lines files; absent means no file output (tests, CLI one-shots). */
  dir?: string;
  retentionDays?: number;
  /** Also print to stderr (human-readable), e.g. for `station serve` in a terminal. */
  console?: boolean;
}

/**
 * JSON lines with daily rotation. Every line about a scan carries its `correlationId`
 * (use `logger.child({ correlationId })`), so one scan can be followed through the pipeline.
 */
export function createLogger(options: LoggerOptions): Logger {
  const transports: winston.transport[] = [];
  if (options.dir) {
    transports.push(new DailyRotateFile({
      dirname: options.dir,
      filename: 'station-%DATE%.log',
      datePattern: 'YYYY-MM-DD',
      maxFiles: `${options.retentionDays ?? 14}d`,
    }));
  }
  if (options.console) {
    transports.push(new winston.transports.Console({
      stderrLevels: ['error', 'warn', 'info', 'debug'],
      format: winston.format.combine(winston.format.colorize(), winston.format.simple()),
    }));
  }
  if (transports.length === 0) transports.push(new winston.transports.Console({ silent: true }));
  return skipFilteredLevels(winston.createLogger({
    level: options.level,
    format: winston.format.combine(redactSecrets(), winston.format.timestamp(), winston.format.json()),
    transports,
  }));
}

type Method = (...args: unknown[]) => unknown;

/**
 * Winston runs every call through its stream and its formats (redaction, timestamp, JSON) before the
 * transports drop what is below their level: ~10 µs and ~1 KB of garbage for a filtered `info`, on
 * every scan (and its own `isLevelEnabled` allocates too). Here each level method first checks, with
 * no allocation, whether any transport would take it (winston's rule: a transport's own level, else
 * the logger's, read at each call so `logger.level = …` still counts) and returns at once if none
 * would. The transports' own levels are read when transports are added or removed. Child loggers
 * inherit the methods (winston makes them with `Object.create`).
 */
function skipFilteredLevels(logger: winston.Logger): winston.Logger {
  const levels = logger.levels;
  // Over the transports: whether one follows the logger's level, and the highest level one sets itself.
  let followsLogger = true;
  let ownMax = -1;
  const scan = () => {
    const transports = logger.transports;
    followsLogger = transports.length === 0;
    ownMax = -1;
    for (const transport of transports) {
      const own = transport.level === undefined ? undefined : levels[transport.level];
      if (own === undefined) followsLogger = true;
      else ownMax = Math.max(ownMax, own);
    }
  };
  scan();
  const methods = logger as unknown as Record<string, Method>;
  for (const name of ['add', 'remove', 'clear']) {
    const change = methods[name];
    if (typeof change !== 'function') continue;
    methods[name] = function (this: winston.Logger, ...args: unknown[]) {
      const result = change.apply(this, args);
      scan();
      return result;
    };
  }
  for (const level of Object.keys(levels)) {
    const write = methods[level];
    const value = levels[level]!;
    if (typeof write !== 'function') continue;
    methods[level] = function (this: winston.Logger | undefined, ...args: unknown[]) {
      const self = this ?? logger; // as winston's own methods: a detached call logs on the root logger
      const configured = levels[self.level];
      const wanted = ownMax >= value || (followsLogger && configured !== undefined && configured >= value);
      return wanted ? write.apply(self, args) : self;
    };
  }
  return logger;
}
