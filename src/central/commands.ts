import type { DataSource } from 'typeorm';
import { classifyError } from './errors';
import { adminDataSource } from './schema/data-source';
import { applyRepeatable } from './schema/repeatable';
import { redactUrl } from './roles';

/** A command failed in a way the operator can fix; `message` says how. */
export class CentralCommandError extends Error {
  override name = 'CentralCommandError';
}

export interface MigrateResult {
  applied: string[];
  /** Repeatable function steps created or replaced because their text changed. */
  functions: string[];
  text: string;
}

/**
 * `station migrate --central URL`: applies pending central migrations with an admin URL, in one
 * transaction, then (in a second one) the repeatable function steps whose text changed.
 */
export async function migrateCentral(adminUrl: string): Promise<MigrateResult> {
  return withAdmin(adminUrl, async (ds) => {
    const done = await ds.runMigrations({ transaction: 'all' });
    const applied = done.map((m) => m.name);
    const functions = await ds.transaction((m) => applyRepeatable(m));
    const parts = [applied.length ? `migrated: ${applied.join(', ')}` : '', functions.length ? `functions replaced: ${functions.join(', ')}` : '']
      .filter(Boolean);
    const text = parts.length
      ? `central schema on ${redactUrl(adminUrl)}: ${parts.join('; ')}`
      : `central schema on ${redactUrl(adminUrl)} is already up to date`;
    return { applied, functions, text };
  });
}

export async function assertMigrated(ds: DataSource): Promise<void> {
  const [row] = (await ds.query(`SELECT to_regclass('central.stations') IS NOT NULL AS ok`)) as Array<{ ok: boolean }>;
  if (!row?.ok) throw new CentralCommandError('the central schema is missing: run "station migrate --central URL" first');
}

export async function withAdmin<T>(adminUrl: string, fn: (ds: DataSource) => Promise<T>): Promise<T> {
  const ds = adminDataSource(adminUrl);
  try {
    await ds.initialize();
  } catch (err) {
    throw new CentralCommandError(`cannot connect to ${redactUrl(adminUrl)}: ${classifyError(err).message}`, { cause: err });
  }
  try {
    return await fn(ds);
  } catch (err) {
    if (err instanceof CentralCommandError) throw err;
    throw new CentralCommandError(`central command failed on ${redactUrl(adminUrl)}: ${classifyError(err).message}`, { cause: err });
  } finally {
    await ds.destroy();
  }
}
