/** A schema step for the local SQLite store, applied in order and recorded in `PRAGMA user_version`. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}
