import { z } from 'zod';
import { EventName, EventPayload, RequestName, RequestPayload, RequestResult } from './messages';

/**
 * The one interface the renderer talks to, whichever bridge carries it:
 * Electron's preload (`window.station`) or the WebSocket client in a plain browser.
 */
export interface StationBridge {
  request<N extends RequestName>(name: N, payload: RequestPayload<N>): Promise<RequestResult<N>>;
  /** Returns an unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** A request as it travels over WebSocket (or IPC: there `id` is unused). */
export const RequestEnvelope = z.object({
  id: z.number().int().nonnegative(),
  name: z.string().min(1).max(64),
  payload: z.unknown(),
}).strict();
export type RequestEnvelope = z.infer<typeof RequestEnvelope>;

export const ApiError = z.object({ code: z.enum(['bad-request', 'forbidden', 'failed']), message: z.string() });
export type ApiError = z.infer<typeof ApiError>;

export type ResponseEnvelope =
  | { kind: 'response'; id: number; ok: true; result: unknown }
  | { kind: 'response'; id: number | null; ok: false; error: ApiError };

export type EventEnvelope = { kind: 'event'; name: EventName; payload: unknown };

export const IPC_REQUEST_CHANNEL = 'station:request';
export const IPC_EVENT_CHANNEL = 'station:event';
