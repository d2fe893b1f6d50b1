import winston from 'winston';

const SECRET_KEY = /pass(word)?|pin|secret|token|credential/i;
const URL_PASSWORD = /(\w+:\/\/[^:/\s]+:)[^@/\s]+@/g;

function scrub(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return value.replace(URL_PASSWORD, '$1***@');
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => scrub(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = SECRET_KEY.test(key) ? '***' : scrub(item, depth + 1);
  return out;
}

/** Secrets never reach a log: fields named like passwords/PINs/tokens and passwords inside URLs are masked. */
export const redactSecrets = winston.format((info) => {
  for (const key of Object.keys(info)) {
    info[key] = SECRET_KEY.test(key) ? '***' : scrub(info[key], 0);
  }
  return info;
});
