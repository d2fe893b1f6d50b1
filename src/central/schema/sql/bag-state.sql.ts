// Part of the migration 1730000000002-central-ingest, indented as it was there (the executed SQL is unchanged).

/** The type `central.bag_state`, passed between `apply_batch`, `link_run` and `judged_links`. */
export const BAG_STATE_SQL = `
      -- a bag's state from one seq of a batch on: the state changes in the batch, and the state before it
      CREATE TYPE central.bag_state AS (seq bigint, code text, status text, closed_station text, closed_seq bigint);`;
