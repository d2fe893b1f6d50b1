import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APPLY_BATCH_SQL } from '../sql/apply-batch.sql';
import { ASSERT_WRITER_SQL } from '../sql/assert-writer.sql';
import { BAG_STATE_SQL } from '../sql/bag-state.sql';
import { DEAD_LETTER_SQL } from '../sql/dead-letter.sql';
import { HEARTBEAT_SQL } from '../sql/heartbeat.sql';
import { INGEST_SQL } from '../sql/ingest.sql';
import { JUDGED_LINKS_SQL } from '../sql/judged-links.sql';
import { LINK_RUN_SQL } from '../sql/link-run.sql';
import { LOCK_MARK_SQL } from '../sql/lock-mark.sql';
import { PROJECT_EVENT_SQL } from '../sql/project-event.sql';
import { REJECT_SQL } from '../sql/reject.sql';
import { STATION_OF_SQL } from '../sql/station-of.sql';

/**
 * The ingest path, server side. `central.ingest` runs as the calling station's role, so its INSERT
 * into station_events passes through row-level security; the steps a station must not do freely
 * (move its mark, write projections and rejections) are SECURITY DEFINER functions that check the
 * caller first. Everything happens in the caller's transaction: events, projections and the mark
 * commit together or not at all.
 *
 * Error codes of our own (class SG) tell the worker what happened:
 *   SG001 gap: the batch starts beyond mark + 1        SG002 malformed batch (client bug)
 *   SG003 the station's log differs from what central holds for the same seq
 *   SG004 the station is not provisioned              SG005 the mark moved under the caller
 */
export class CentralIngest1730000000002 implements MigrationInterface {
  name = 'CentralIngest1730000000002';

  async up(q: QueryRunner): Promise<void> {
    // One query, everything created before what uses it. Each fragment starts with a newline, so
    // joining them with one more leaves the blank line between functions that the SQL always had.
    const fragments = [
      STATION_OF_SQL,
      ASSERT_WRITER_SQL,
      LOCK_MARK_SQL,
      REJECT_SQL,
      BAG_STATE_SQL,
      JUDGED_LINKS_SQL,
      LINK_RUN_SQL,
      PROJECT_EVENT_SQL,
      APPLY_BATCH_SQL,
      DEAD_LETTER_SQL,
      HEARTBEAT_SQL,
      INGEST_SQL,
    ];
    await q.query(`${fragments.join('\n')}\n    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP FUNCTION central.ingest(text, bigint[], text[], text[], text[], text[], text[], text[], text[]);
      DROP FUNCTION central.heartbeat(text, bigint, integer, text);
      DROP FUNCTION central.dead_letter(text, bigint, text, text, text, text, text, text, text, text, text);
      DROP FUNCTION central.apply_batch(text, bigint, bigint);
      DROP FUNCTION central.project_event(text, bigint, uuid, text, jsonb);
      DROP FUNCTION central.link_run(text, bigint, bigint, central.bag_state[], central.bag_state[]);
      DROP FUNCTION central.judged_links(text, bigint, bigint, central.bag_state[], central.bag_state[]);
      DROP TYPE central.bag_state;
      DROP FUNCTION central.reject(text, bigint, uuid, text, text, text, text, bigint);
      DROP FUNCTION central.lock_mark(text);
      DROP FUNCTION central.assert_writer(text);
      DROP FUNCTION central.station_of(name);
    `);
  }
}
