import { z } from 'zod';
import {
  ApiError, EventEnvelope, EventName, EventPayload, RequestEnvelope, ResponseEnvelope, isRequestName, requestSpec,
} from './api';
import type { EndpointHandler } from './core/commands';

/** What a bridge needs from the station: request handlers and a stream of pushed events. */
export interface StationEndpoint {
  /** Every request by name, each behind the core's permission gate (src/core/commands.ts). */
  handlers: Record<string, EndpointHandler>;
  subscribe(listener: <E extends EventName>(name: E, payload: EventPayload<E>) => void): () => void;
}

function fail(id: number | null, code: ApiError['code'], message: string): ResponseEnvelope {
  return { kind: 'response', id, ok: false, error: { code, message } };
}

function describe(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'payload'}: ${i.message}`).join('; ');
}

/**
 * Validates one incoming message with the shared zod schemas and runs its handler. Both bridges
 * (WebSocket and Electron IPC) go through here, so a malformed message gets the same specific
 * error everywhere and never reaches the station.
 */
export async function dispatch(endpoint: StationEndpoint, message: unknown): Promise<ResponseEnvelope> {
  const envelope = RequestEnvelope.safeParse(message);
  if (!envelope.success) return fail(null, 'bad-request', `malformed message: ${describe(envelope.error)}`);
  const { id, name, payload } = envelope.data;
  if (!isRequestName(name)) return fail(id, 'bad-request', `unknown request "${name}"`);
  const parsed = requestSpec(name).payload.safeParse(payload ?? {});
  if (!parsed.success) return fail(id, 'bad-request', `invalid ${name}: ${describe(parsed.error)}`);
  try {
    const handler = endpoint.handlers[name];
    if (!handler) return fail(id, 'bad-request', `unknown request "${name}"`);
    return { kind: 'response', id, ok: true, result: await handler(parsed.data) };
  } catch (err) {
    if ((err as { code?: unknown }).code === 'forbidden') return fail(id, 'forbidden', (err as Error).message);
    return fail(id, 'failed', `${name} failed: ${(err as Error).message}`);
  }
}

/** Parses a raw text frame (WebSocket) before dispatching it. */
export function dispatchText(endpoint: StationEndpoint, text: string): Promise<ResponseEnvelope> {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return Promise.resolve(fail(null, 'bad-request', 'malformed message: not JSON'));
  }
  return dispatch(endpoint, message);
}

export function eventEnvelope<E extends EventName>(name: E, payload: EventPayload<E>): EventEnvelope {
  return { kind: 'event', name, payload };
}
