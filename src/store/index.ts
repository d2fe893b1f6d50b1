// The station's local SQLite store: the event log, its projections and the durability settings.
export { openStore, databaseFile, type Store, type StoreOptions } from './store';
export { openDatabase, checkIntegrity, type Db } from './db';
export { runMigrations } from './migrate';
export { migrations } from './migrations';
export { StoreError, toStoreError } from './errors';
export type { AppendContext, EventLog, Projector } from './event-log';
