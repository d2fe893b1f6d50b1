import { escapeIdentifier, escapeLiteral } from 'pg';
import type { DataSource } from 'typeorm';
import { classifyError } from './errors';
import { adminDataSource } from './schema/data-source';
import { Station, StationMark } from './schema/entities';
import { newPassword, redactUrl, roleNameFor, STATION_ID, stationUrl } from './roles';

/** A command failed in a way the operator can fix; `message` says how. */
export class CentralCommandError extends Error {
  override name = 'CentralCommandError';
}

export interface MigrateResult {
  applied: string[];
  text: string;
}

/** `station migrate --central URL`: applies pending central migrations with an admin URL, in one transaction. */
export async function migrateCentral(adminUrl: string): Promise<MigrateResult> {
  return withAdmin(adminUrl, async (ds) => {
    const done = await ds.runMigrations({ transaction: 'all' });
    const applied = done.map((m) => m.name);
    const text = applied.length
      ? `central schema migrated on ${redactUrl(adminUrl)}: ${applied.join(', ')}`
      : `central schema on ${redactUrl(adminUrl)} is already up to date`;
    return { applied, text };
  });
}

export interface ProvisionOptions {
  /** Defaults for the role's sessions; the worker also sets them per transaction. */
  statementTimeoutMs?: number;
  idleInTransactionTimeoutMs?: number;
  /** Most connections the role may hold (pool plus a spare for a restarting station). */
  connectionLimit?: number;
}

export interface ProvisionResult {
  stationId: string;
  role: string;
  /** The station's connection URL, password included: shown once. */
  url: string;
  text: string;
}

/**
 * `station provision --central URL --station ID`: creates (or re-keys) the station's login role in
 * the `central_station` group, registers the station with a zero mark, and returns the connection
 * settings once. Running it again rotates the password; the station's data and mark stay.
 */
export async function provisionStation(adminUrl: string, stationId: string, options: ProvisionOptions = {}): Promise<ProvisionResult> {
  const [result] = await provisionStations(adminUrl, [stationId], options);
  return result!;
}

/** Provisions many stations over one admin connection (a fleet roll-out, benchmarks). */
export async function provisionStations(adminUrl: string, stationIds: readonly string[], options: ProvisionOptions = {}): Promise<ProvisionResult[]> {
  const bad = stationIds.find((id) => !STATION_ID.test(id));
  if (bad !== undefined) {
    throw new CentralCommandError(`station id "${bad}" is not valid: use lower-case letters, digits, _ and -, at most 63`);
  }
  const planned = stationIds.map((stationId) => ({ stationId, role: roleNameFor(stationId), password: newPassword() }));
  await withAdmin(adminUrl, async (ds) => {
    await assertMigrated(ds);
    await ds.transaction(async (m) => {
      for (const { stationId, role, password } of planned) {
        const exists = (await m.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])) as unknown[];
        const r = escapeIdentifier(role);
        await m.query(`${exists.length ? 'ALTER' : 'CREATE'} ROLE ${r} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS `
          + `CONNECTION LIMIT ${Math.trunc(options.connectionLimit ?? 8)} PASSWORD ${escapeLiteral(password)}`);
        await m.query(`GRANT central_station TO ${r}`);
        await m.query(`ALTER ROLE ${r} SET statement_timeout = ${Math.trunc(options.statementTimeoutMs ?? 30_000)}`);
        await m.query(`ALTER ROLE ${r} SET idle_in_transaction_session_timeout = ${Math.trunc(options.idleInTransactionTimeoutMs ?? 60_000)}`);
        await m.upsert(Station, { stationId, roleName: role }, ['stationId']);
        await m.createQueryBuilder().insert().into(StationMark).values({ stationId, ackedSeq: '0' }).orIgnore().execute();
      }
    });
  });
  return planned.map(({ stationId, role, password }) => {
    const url = stationUrl(adminUrl, role, password);
    const text = [
      `station "${stationId}" provisioned as role "${role}".`,
      'Put this in the station\'s config. It is shown only once; run provision again to rotate the password.',
      'central:',
      `  url: "${url}"`,
    ].join('\n');
    return { stationId, role, url, text };
  });
}

async function assertMigrated(ds: DataSource): Promise<void> {
  const [row] = (await ds.query(`SELECT to_regclass('central.stations') IS NOT NULL AS ok`)) as Array<{ ok: boolean }>;
  if (!row?.ok) throw new CentralCommandError('the central schema is missing: run "station migrate --central URL" first');
}

async function withAdmin<T>(adminUrl: string, fn: (ds: DataSource) => Promise<T>): Promise<T> {
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
