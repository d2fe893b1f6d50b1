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
  return winston.createLogger({
    level: options.level,
    format: winston.format.combine(redactSecrets(), winston.format.timestamp(), winston.format.json()),
    transports,
  });
}
