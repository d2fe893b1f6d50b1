// The station's local SQLite store: the event log, its projections and the durability settings.
export { openStore, databaseFile, type Shown, type Store, type StoreOptions } from './store';
export { PENDING_ERRORS_KEPT, RECENT_SCANS_KEPT, type ScreenState } from './screen-state';
export { openDatabase, checkIntegrity, type Db } from './db';
export { runMigrations, TABLE_ERA_VERSION } from './migrate';
export { storeMigrations } from './migrations';
export { StoreError, toStoreError } from './errors';
export type { AppendContext, EventLog, Projector } from './event-log';
