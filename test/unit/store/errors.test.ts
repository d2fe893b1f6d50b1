import { StoreError, toStoreError } from '../../../src/store';

function sqliteError(code: string): Error {
  return Object.assign(new Error(`raw ${code}`), { code });
}

test.each([
  ['SQLITE_FULL', 'the disk is full'],
  ['SQLITE_READONLY', 'the database is read-only'],
  ['SQLITE_READONLY_DBMOVED', 'the database is read-only'],
  ['SQLITE_BUSY', 'locked by another program'],
  ['SQLITE_LOCKED', 'locked by another program'],
  ['SQLITE_IOERR_WRITE', 'I/O error'],
  ['SQLITE_CORRUPT', 'damaged'],
])('%s is explained', (code, words) => {
  const err = toStoreError('not recorded', sqliteError(code));
  expect(err).toBeInstanceOf(StoreError);
  expect(err.sqliteCode).toBe(code);
  expect(err.message).toContain(words);
  expect(err.message).toMatch(new RegExp(`^not recorded: .*\\(${code}\\)$`));
});

test('an unknown error keeps its own message', () => {
  expect(toStoreError('not recorded', new Error('odd')).message).toBe('not recorded: odd');
});
