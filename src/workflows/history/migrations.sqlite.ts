import type { LocalMigration } from '../../core/workflow';

/**
 * `code_events`: which events name which code, so the history of a code is an index range (code, seq)
 * read newest first, and never a scan of the log.
 *
 * Why a trigger on `events`, not this module's projection: the registry hands a module's projection
 * its own events only (`history.*`, of which there are none), and the codes are in the container and
 * bag events. A trigger keeps the index in the same transaction as the event, with no line in those
 * modules, and it fills the index for a station upgraded with a log already (the backfill below).
 * Expression indexes on `json_extract(payload, …)` would need one index per field (five, plus a void's
 * `children` array), each on every event of the log, and a history page would merge them; here an
 * event that names no code costs the trigger's WHEN alone.
 *
 * The fields that name a code: `container` (opened, focused, closed, reopened, voided), `parent` and
 * `child` (links, reversals, a bag's events), `from` and `to` (a move) and a void's freed `children`.
 */
const namingField = (j: string) => `${j}.key IN ('container', 'parent', 'child', 'from', 'to') AND ${j}.type = 'text'`;
const namingEvent = (row: string) => `(${row}.type GLOB 'container.*' OR ${row}.type GLOB 'bag.*') AND json_valid(${row}.payload)`;

export const historyMigration: LocalMigration = {
  id: 'history:001',
  sql: `
    CREATE TABLE code_events (
      code TEXT    NOT NULL,
      seq  INTEGER NOT NULL,
      PRIMARY KEY (code, seq)
    ) STRICT, WITHOUT ROWID;
    CREATE TRIGGER code_events_index AFTER INSERT ON events WHEN ${namingEvent('NEW')}
    BEGIN
      INSERT OR IGNORE INTO code_events (code, seq)
        SELECT j.value, NEW.seq FROM json_each(NEW.payload) j WHERE ${namingField('j')}
        UNION ALL
        SELECT j.value, NEW.seq FROM json_each(NEW.payload, '$.children') j WHERE j.type = 'text';
    END;
    INSERT OR IGNORE INTO code_events (code, seq)
      SELECT j.value, e.seq FROM events e, json_each(e.payload) j WHERE ${namingEvent('e')} AND ${namingField('j')}
      UNION ALL
      SELECT j.value, e.seq FROM events e, json_each(e.payload, '$.children') j WHERE ${namingEvent('e')} AND j.type = 'text';
  `,
};
