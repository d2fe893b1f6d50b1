import {
  events, type EventName, type EventPayload, type RequestName, type RequestPayload, type RequestResult, type StationBridge,
} from '../api';
import type { ConnectionSource, ConnectionStatus } from './connection';

type Pending = { resolve: (result: unknown) => void; reject: (error: Error) => void };
type Listener = (payload: unknown) => void;

/** Back-off between reconnect attempts: quick at first, then at most every few seconds. */
const RETRY_FIRST_MS = 300;
const RETRY_MAX_MS = 3000;

/**
 * The StationBridge for a plain browser: requests and pushed events over the headless host's
 * WebSocket (`/ws`). Reconnects forever; requests made while the link is down fail at once with a
 * clear message instead of hanging, and the UI re-reads the station state after each reconnect.
 */
export class WebSocketBridge implements StationBridge, ConnectionSource {
  status: ConnectionStatus = 'connecting';
  private socket: WebSocket | null = null;
  private nextId = 1;
  private retryMs = RETRY_FIRST_MS;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<EventName, Set<Listener>>();
  private readonly statusListeners = new Set<(status: ConnectionStatus) => void>();

  constructor(private readonly url: string) {
    this.connect();
  }

  request<N extends RequestName>(name: N, payload: RequestPayload<N>): Promise<RequestResult<N>> {
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) {
      return Promise.reject(new Error('No connection to the station. Reconnecting…'));
    }
    const id = this.nextId++;
    return new Promise<RequestResult<N>>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (result: unknown) => void, reject });
      socket.send(JSON.stringify({ id, name, payload }));
    });
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    const set = this.listeners.get(event) ?? new Set<Listener>();
    this.listeners.set(event, set);
    set.add(listener as Listener);
    return () => set.delete(listener as Listener);
  }

  onStatus(listener: (status: ConnectionStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  private connect(): void {
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.addEventListener('open', () => {
      this.retryMs = RETRY_FIRST_MS;
      this.setStatus('connected');
    });
    socket.addEventListener('message', (message) => this.receive(message.data));
    // 'close' also follows a failed connect, so it is the one place that schedules a retry.
    socket.addEventListener('close', () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.failPending('The connection to the station was lost.');
      this.setStatus('reconnecting');
      setTimeout(() => this.connect(), this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
    });
  }

  private receive(data: unknown): void {
    if (typeof data !== 'string') return;
    let message: { kind?: unknown; id?: unknown; ok?: unknown; result?: unknown; error?: { message?: unknown }; name?: unknown; payload?: unknown };
    try {
      message = JSON.parse(data);
    } catch {
      return; // The host only sends JSON; anything else is ignored rather than trusted.
    }
    if (message.kind === 'response' && typeof message.id === 'number') {
      const pending = this.pending.get(message.id);
      if (!pending) return;
      this.pending.delete(message.id);
      if (message.ok === true) pending.resolve(message.result);
      else pending.reject(new Error(String(message.error?.message ?? 'The station refused the request.')));
    } else if (message.kind === 'event' && typeof message.name === 'string' && Object.hasOwn(events, message.name)) {
      this.emit(message.name as EventName, message.payload);
    }
  }

  /** Pushed events are validated with the same schemas the host used to build them. */
  private emit(name: EventName, payload: unknown): void {
    const parsed = events[name].safeParse(payload);
    if (!parsed.success) {
      console.warn(`ignored a malformed "${name}" event`, parsed.error.issues);
      return;
    }
    for (const listener of this.listeners.get(name) ?? []) listener(parsed.data);
  }

  private failPending(reason: string): void {
    for (const pending of this.pending.values()) pending.reject(new Error(reason));
    this.pending.clear();
  }

  private setStatus(status: ConnectionStatus): void {
    this.status = status;
    for (const listener of this.statusListeners) listener(status);
  }
}
