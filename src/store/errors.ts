import { StoreError } from '../core/store-port';

export { StoreError };

const REASONS: Array<[RegExp, string]> = [
  [/^SQLITE_FULL/, 'the disk is full: free some space on the station'],
  [/^SQLITE_READONLY/, 'the database is read-only: check the data folder permissions'],
  [/^SQLITE_(BUSY|LOCKED)/, 'the database is locked by another program: is a second station running on this data folder?'],
  [/^SQLITE_IOERR/, 'the disk reported an I/O error: check the drive'],
  [/^SQLITE_CORRUPT|^SQLITE_NOTADB/, 'the database file is damaged: run "station doctor"'],
  [/^SQLITE_CANTOPEN/, 'the database file cannot be opened: check the data folder'],
  [/^SQLITE_CONSTRAINT/, 'the change broke a database rule'],
];

/** Turns a better-sqlite3 error into a StoreError whose message says what happened and what to do. */
export function toStoreError(what: string, err: unknown): StoreError {
  if (err instanceof StoreError) return err;
  const code = typeof (err as { code?: unknown })?.code === 'string' ? (err as { code: string }).code : null;
  const reason = code ? REASONS.find(([pattern]) => pattern.test(code))?.[1] : undefined;
  const detail = (err as Error)?.message ?? String(err);
  return new StoreError(`${what}: ${reason ?? detail}${reason ? ` (${code})` : ''}`, code, { cause: err });
}
