/**
 * Sorting central errors into what the worker does next. SQLSTATE decides, never the message text:
 *  - transient: the network, a restart, a timeout, a deadlock; retry with backoff, the batch is intact;
 *  - gap: central's mark is behind what the station sent; re-read the mark and resend from there;
 *  - config: someone must act (password, migrations, provisioning); report it and keep retrying slowly.
 * Poison events never reach here: `central.ingest` dead-letters them itself.
 */
export type ErrorKind = 'transient' | 'gap' | 'config';

export interface ClassifiedError {
  kind: ErrorKind;
  /** SQLSTATE, or the Node error code for network failures. */
  code: string;
  /** What happened, in words a technician can act on. */
  message: string;
}

const CONFIG_STATES: Record<string, string> = {
  '28P01': 'central refused the login: wrong password for the station role (run "station provision" again for new settings)',
  '28000': 'central refused the login: the role is unknown or not allowed here (run "station provision")',
  '3D000': 'the central database does not exist: check the database name in central.url',
  '3F000': 'the central schema is missing: run "station migrate --central URL" with an admin URL',
  '42P01': 'the central schema is missing or old: run "station migrate --central URL" with an admin URL',
  '42883': 'the central schema is missing or old: run "station migrate --central URL" with an admin URL',
  '42501': 'central refused the operation for this role: the station may only write its own events',
  SG004: 'this station is not provisioned on central: run "station provision --central URL --station ID"',
  SG003: 'central holds different events for the same seqs: this station\'s local log was reset; provision it under a new station id',
  SG002: 'central refused a malformed batch (a bug in this station version)',
};

/** Connection-level SQLSTATE classes that clear by themselves. */
const TRANSIENT_CLASSES = new Set(['08', '40', '53', '57', '58']);
const TRANSIENT_STATES = new Set(['55P03', '25P03', '57014', 'XX000']);

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH',
  'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED']);

export function classifyError(err: unknown): ClassifiedError {
  const e = err as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  const text = typeof e?.message === 'string' ? e.message : String(err);
  if (code === 'SG001') return { kind: 'gap', code, message: text };
  const config = CONFIG_STATES[code];
  if (config) return { kind: 'config', code, message: `${config} [${code}: ${text}]` };
  if (NETWORK_CODES.has(code)) return { kind: 'transient', code, message: `central unreachable: ${text}` };
  if (/^[0-9A-Z]{5}$/.test(code)) {
    if (TRANSIENT_CLASSES.has(code.slice(0, 2)) || TRANSIENT_STATES.has(code)) {
      return { kind: 'transient', code, message: `central is busy or restarting: ${text} [${code}]` };
    }
    return { kind: 'config', code, message: `central refused the batch: ${text} [${code}]` };
  }
  // pg's own client-side failures (connection ended, timeouts) carry no code and are all network trouble
  return { kind: 'transient', code: code || 'NETWORK', message: `central unreachable: ${text}` };
}
