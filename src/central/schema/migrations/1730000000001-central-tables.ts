import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tables of the central store, in schema `central`. Events are keyed by (station_id, seq), the only
 * thing replication orders and dedupes by; device_time is the station's clock, received_at the
 * server's. station_events has no foreign key to stations on purpose: the ingest function locks the
 * station's mark row first, which proves the station exists, and a per-row FK check would halve the
 * drain rate.
 */
export class CentralTables1730000000001 implements MigrationInterface {
  name = 'CentralTables1730000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE SCHEMA central;

      CREATE TABLE central.stations (
        station_id  text PRIMARY KEY CHECK (station_id ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
        role_name   text NOT NULL UNIQUE,
        created_at  timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE central.station_marks (
        station_id  text PRIMARY KEY REFERENCES central.stations ON DELETE RESTRICT,
        acked_seq   bigint NOT NULL DEFAULT 0 CHECK (acked_seq >= 0),
        updated_at  timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE central.station_events (
        station_id     text NOT NULL,
        seq            bigint NOT NULL CHECK (seq > 0),
        id             uuid NOT NULL,
        type           text NOT NULL CHECK (type <> ''),
        payload        jsonb NOT NULL,
        device_time    timestamptz NOT NULL,
        received_at    timestamptz NOT NULL DEFAULT now(),
        correlation_id text NOT NULL,
        device_id      text,
        user_id        text,
        PRIMARY KEY (station_id, seq)
      );

      CREATE TABLE central.dead_letters (
        id             bigserial PRIMARY KEY,
        station_id     text NOT NULL REFERENCES central.stations,
        seq            bigint NOT NULL,
        event_id       text,
        type           text,
        payload        text,
        device_time    text,
        correlation_id text,
        device_id      text,
        user_id        text,
        sqlstate       text NOT NULL,
        error          text NOT NULL,
        received_at    timestamptz NOT NULL DEFAULT now(),
        UNIQUE (station_id, seq)
      );

      CREATE TABLE central.heartbeats (
        station_id   text PRIMARY KEY REFERENCES central.stations,
        seen_at      timestamptz NOT NULL DEFAULT now(),
        local_seq    bigint CHECK (local_seq >= 0),
        queue_depth  integer CHECK (queue_depth >= 0),
        app_version  text
      );

      CREATE TABLE central.bags (
        code            text PRIMARY KEY CHECK (length(code) BETWEEN 1 AND 200),
        status          text NOT NULL CHECK (status IN ('open', 'closed', 'set_aside')),
        capacity        integer CHECK (capacity > 0),
        link_count      integer NOT NULL DEFAULT 0 CHECK (link_count >= 0),
        opened_station  text,
        opened_seq      bigint,
        closed_station  text,
        closed_seq      bigint,
        close_reason    text,
        updated_at      timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'closed') = (closed_seq IS NOT NULL)),
        CHECK ((closed_seq IS NULL) = (closed_station IS NULL))
      );
      CREATE INDEX bags_checkpoint ON central.bags (updated_at, code);

      -- keyed by the linking event; no FK to bags (a per-row check would cost a third of the drain):
      -- the ingest function creates a parent's row before it links anything into it
      CREATE TABLE central.bag_links (
        station_id        text NOT NULL,
        seq               bigint NOT NULL,
        parent            text NOT NULL CHECK (length(parent) BETWEEN 1 AND 200),
        child             text NOT NULL CHECK (length(child) BETWEEN 1 AND 200),
        linked_at         timestamptz NOT NULL DEFAULT now(),
        reversed_station  text,
        reversed_seq      bigint,
        CHECK (parent <> child),
        CHECK ((reversed_seq IS NULL) = (reversed_station IS NULL)),
        PRIMARY KEY (station_id, seq)
      );
      -- a child is in at most one parent at a time: the first link to commit wins
      CREATE UNIQUE INDEX bag_links_one_parent ON central.bag_links (child) WHERE reversed_seq IS NULL;
      CREATE INDEX bag_links_by_parent ON central.bag_links (parent) WHERE reversed_seq IS NULL;

      CREATE TABLE central.rejections (
        id              bigserial PRIMARY KEY,
        station_id      text NOT NULL REFERENCES central.stations,
        seq             bigint NOT NULL,
        event_id        uuid NOT NULL,
        type            text NOT NULL,
        reason          text NOT NULL CHECK (reason IN (
                          'child_linked_elsewhere', 'child_already_linked', 'parent_closed',
                          'bag_already_closed', 'closed_elsewhere')),
        detail          text NOT NULL,
        winner_station  text,
        winner_seq      bigint,
        created_at      timestamptz NOT NULL DEFAULT now(),
        UNIQUE (station_id, seq)
      );
      CREATE INDEX rejections_pull ON central.rejections (station_id, id);

      -- reference data, pulled down by (updated_at, id)
      CREATE TABLE central.users (
        id          text PRIMARY KEY,
        name        text NOT NULL,
        role        text NOT NULL CHECK (role IN ('packer', 'supervisor', 'admin')),
        badge       text UNIQUE,
        active      boolean NOT NULL DEFAULT true,
        updated_at  timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX users_checkpoint ON central.users (updated_at, id);

      CREATE TABLE central.code_rules (
        id          text PRIMARY KEY,
        rule        jsonb NOT NULL CHECK (jsonb_typeof(rule) = 'object'),
        active      boolean NOT NULL DEFAULT true,
        updated_at  timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX code_rules_checkpoint ON central.code_rules (updated_at, id);

      CREATE TABLE central.bills (
        id          text PRIMARY KEY,
        number      text NOT NULL,
        status      text NOT NULL CHECK (status IN ('open', 'closed')),
        updated_at  timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX bills_checkpoint ON central.bills (updated_at, id);

      -- whoever writes reference rows, updated_at is the server's transaction time
      CREATE FUNCTION central.touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN NEW.updated_at := now(); RETURN NEW; END $$;
      CREATE TRIGGER users_touch BEFORE INSERT OR UPDATE ON central.users FOR EACH ROW EXECUTE FUNCTION central.touch_updated_at();
      CREATE TRIGGER code_rules_touch BEFORE INSERT OR UPDATE ON central.code_rules FOR EACH ROW EXECUTE FUNCTION central.touch_updated_at();
      CREATE TRIGGER bills_touch BEFORE INSERT OR UPDATE ON central.bills FOR EACH ROW EXECUTE FUNCTION central.touch_updated_at();
      CREATE TRIGGER bags_touch BEFORE INSERT OR UPDATE ON central.bags FOR EACH ROW EXECUTE FUNCTION central.touch_updated_at();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP SCHEMA central CASCADE');
  }
}
