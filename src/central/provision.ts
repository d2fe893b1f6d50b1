import crypto from 'node:crypto';
import { escapeIdentifier, escapeLiteral } from 'pg';
import type { EntityManager } from 'typeorm';
import { CentralCommandError, assertMigrated, withAdmin } from './commands';
import { Station, StationMark } from './schema/entities';
import { newPassword, roleNameFor, STATION_ID, stationUrl } from './roles';

/** The shared login of a pooled fleet, unless `--fleet-login NAME` says otherwise. */
export const DEFAULT_FLEET_LOGIN = 'station_fleet';

export interface ProvisionOptions {
  /** Defaults for the role's sessions; the worker also sets them per transaction. */
  statementTimeoutMs?: number;
  idleInTransactionTimeoutMs?: number;
  /** Most connections the role may hold (pool plus a spare for a restarting station). */
  connectionLimit?: number;
  /**
   * Pooled: no role of its own; the station logs in with the fleet's shared login and proves who it
   * is with a token (see migration 1730000000004). Re-provisioning issues a new token.
   */
  pooled?: boolean;
  /** The shared login a pooled station's URL names. */
  fleetLogin?: string;
}

export interface ProvisionResult {
  stationId: string;
  /** The station's own login role; null for a pooled station. */
  role: string | null;
  /** The station's connection URL: with its own password (own role), or the fleet login's name without a password (pooled). */
  url: string;
  /** A pooled station's token: shown once. */
  token: string | null;
  text: string;
}

/**
 * `station provision --central URL --station ID [--pooled]`: creates (or re-keys) the station's login
 * role in the `central_station` group, or (pooled) issues it a token, registers the station with a
 * zero mark, and returns the connection settings once. Running it again rotates the password or the
 * token; the station's data and mark stay.
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
  const fleetLogin = options.fleetLogin ?? DEFAULT_FLEET_LOGIN;
  const planned = stationIds.map((stationId) => options.pooled
    ? { stationId, role: null, secret: crypto.randomBytes(32).toString('hex') }
    : { stationId, role: roleNameFor(stationId), secret: newPassword() });
  await withAdmin(adminUrl, async (ds) => {
    await assertMigrated(ds);
    await ds.transaction(async (m) => {
      for (const { stationId, role, secret } of planned) {
        if (role) {
          await upsertLoginRole(m, role, secret, ['central_station'], options);
          await m.upsert(Station, { stationId, roleName: role }, ['stationId']);
        } else {
          await m.upsert(Station, { stationId, tokenHash: crypto.createHash('sha256').update(secret).digest() }, ['stationId']);
        }
        await m.createQueryBuilder().insert().into(StationMark).values({ stationId, ackedSeq: '0' }).orIgnore().execute();
      }
    });
  });
  return planned.map(({ stationId, role, secret }) => role
    ? { stationId, role, token: null, url: stationUrl(adminUrl, role, secret), text: ownRoleText(stationId, role, stationUrl(adminUrl, role, secret)) }
    : { stationId, role: null, token: secret, url: stationUrl(adminUrl, fleetLogin, ''), text: pooledText(stationId, fleetLogin, stationUrl(adminUrl, fleetLogin, ''), secret) });
}

export interface FleetLoginResult {
  role: string;
  /** The fleet login's URL, password included: shown once. */
  url: string;
  text: string;
}

/**
 * `station provision --central URL --fleet-login [NAME]`: creates (or rotates the password of) the
 * shared login that pooled stations use. It may do no more than a station role may, and only acts
 * for a station whose token it sets.
 */
export async function provisionFleetLogin(adminUrl: string, options: ProvisionOptions = {}): Promise<FleetLoginResult> {
  const role = options.fleetLogin ?? DEFAULT_FLEET_LOGIN;
  if (!STATION_ID.test(role)) throw new CentralCommandError(`fleet login "${role}" is not valid: use lower-case letters, digits, _ and -`);
  const password = newPassword();
  await withAdmin(adminUrl, async (ds) => {
    await assertMigrated(ds);
    await ds.transaction((m) => upsertLoginRole(m, role, password, ['central_station', 'central_pooled'], { connectionLimit: 200, ...options }));
  });
  const url = stationUrl(adminUrl, role, password);
  const text = [
    `fleet login "${role}" ready. Its password is shown only once; run this again to rotate it (then update every pooled station).`,
    `Pooled stations connect with: ${url}`,
    'Point the URL at your PgBouncer (transaction pool mode): the whole fleet then shares one server pool.',
  ].join('\n');
  return { role, url, text };
}

/** A login role with the given groups, no powers of its own, and session defaults for the timeouts. */
async function upsertLoginRole(m: EntityManager, role: string, password: string, groups: string[], options: ProvisionOptions): Promise<void> {
  const exists = (await m.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])) as unknown[];
  const r = escapeIdentifier(role);
  await m.query(`${exists.length ? 'ALTER' : 'CREATE'} ROLE ${r} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS `
    + `CONNECTION LIMIT ${Math.trunc(options.connectionLimit ?? 8)} PASSWORD ${escapeLiteral(password)}`);
  for (const group of groups) await m.query(`GRANT ${escapeIdentifier(group)} TO ${r}`);
  await m.query(`ALTER ROLE ${r} SET statement_timeout = ${Math.trunc(options.statementTimeoutMs ?? 30_000)}`);
  await m.query(`ALTER ROLE ${r} SET idle_in_transaction_session_timeout = ${Math.trunc(options.idleInTransactionTimeoutMs ?? 60_000)}`);
}

function ownRoleText(stationId: string, role: string, url: string): string {
  return [
    `station "${stationId}" provisioned as role "${role}".`,
    'Put this in the station\'s config. It is shown only once; run provision again to rotate the password.',
    'central:',
    `  url: "${url}"`,
  ].join('\n');
}

function pooledText(stationId: string, fleetLogin: string, url: string, token: string): string {
  return [
    `station "${stationId}" provisioned for the pooled fleet login "${fleetLogin}".`,
    'Put this in the station\'s config (or STATION_CENTRAL_TOKEN). The token is shown only once; run provision again to issue a new one.',
    'central:',
    `  url: "${url}"   # add the fleet login's password, and your PgBouncer's host and port`,
    `  stationToken: "${token}"`,
  ].join('\n');
}
