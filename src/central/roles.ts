import crypto from 'node:crypto';

/** Same rule as the station config's stationId. */
export const STATION_ID = /^[a-z0-9][a-z0-9_-]{0,62}$/;

/**
 * The Postgres role a station logs in as. Role names are at most 63 bytes, so a long station id is
 * shortened and made unique again with a hash of the full id.
 */
export function roleNameFor(stationId: string): string {
  const name = `station_${stationId}`;
  if (name.length <= 63) return name;
  const hash = crypto.createHash('sha256').update(stationId).digest('hex').slice(0, 10);
  return `station_${stationId.slice(0, 44)}_${hash}`;
}

export function newPassword(): string {
  return crypto.randomBytes(24).toString('base64url');
}

/** The admin URL with the station's role and password in place of the admin's. */
export function stationUrl(adminUrl: string, role: string, password: string): string {
  const u = new URL(adminUrl);
  u.username = encodeURIComponent(role);
  u.password = encodeURIComponent(password);
  return u.toString();
}

/** A URL with its password replaced by ***, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}
