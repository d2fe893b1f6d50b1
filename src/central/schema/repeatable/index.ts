import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { BAG_PROJECTION } from '../../../workflows/bag/central.sql';
import { BILL_PROJECTION } from '../../../workflows/bill/central.sql';
import { CONTAINER_PROJECTION } from '../../../workflows/container/central.sql';
import { LABEL_PROJECTION } from '../../../workflows/label/central.sql';
import { MANIFEST_PROJECTION } from '../../../workflows/manifest/central.sql';
import { USER_PROJECTION } from '../../../workflows/user/central.sql';
import { WEIGH_PROJECTION } from '../../../workflows/weigh/central.sql';
import { APPLY_BATCH } from './apply-batch.sql';
import { DEAD_LETTERS } from './dead-letters.sql';
import { INGEST_STAGED } from './ingest-staged.sql';
import { PROJECT } from './projector.sql';
import { STATISTICS } from './statistics.sql';

export interface RepeatableStep {
  /** The function it defines (also its key in central.repeatable_functions). */
  name: string;
  /** CREATE OR REPLACE of the function, with its grants (and, for a module projection, its registration). */
  sql: string;
}

/**
 * Central functions that are repeatable steps (Flyway's "repeatable migration"): each lives once, in
 * its own file, and is created or replaced whenever its text changes, after the versioned migrations
 * (which then hold only schema changes). Listed in the order they are applied. The module
 * projections are registered in `central.projections` by their own step.
 */
export const repeatableSteps: readonly RepeatableStep[] = [APPLY_BATCH, INGEST_STAGED, BAG_PROJECTION, CONTAINER_PROJECTION, WEIGH_PROJECTION, LABEL_PROJECTION, BILL_PROJECTION, USER_PROJECTION, MANIFEST_PROJECTION, STATISTICS, PROJECT, DEAD_LETTERS];

export const checksumOf = (step: RepeatableStep): string => createHash('sha256').update(step.sql).digest('hex');

/** Applies every step whose checksum differs from the one recorded; returns the names applied. One transaction (the caller's). */
export async function applyRepeatable(m: EntityManager, steps: readonly RepeatableStep[] = repeatableSteps): Promise<string[]> {
  // two migrates at once: the second waits, then finds the checksums current
  await m.query('LOCK TABLE central.repeatable_functions IN EXCLUSIVE MODE');
  const rows = (await m.query('SELECT name, checksum FROM central.repeatable_functions')) as Array<{ name: string; checksum: string }>;
  const known = new Map(rows.map((r) => [r.name, r.checksum]));
  const applied: string[] = [];
  for (const step of steps) {
    const sum = checksumOf(step);
    if (known.get(step.name) === sum) continue;
    await m.query(step.sql);
    await m.query(`INSERT INTO central.repeatable_functions (name, checksum) VALUES ($1, $2)
      ON CONFLICT (name) DO UPDATE SET checksum = excluded.checksum, applied_at = now()`, [step.name, sum]);
    applied.push(step.name);
  }
  return applied;
}
