import type { EventName, EventPayload } from './api';

export type StationListener = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

/** Fans pushed station events out to every bridge. A failing listener never stops the others. */
export class EventHub {
  private readonly listeners = new Set<StationListener>();

  constructor(private readonly onListenerError: (err: unknown) => void) {}

  subscribe(listener: StationListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) {
      try {
        listener(name, payload);
      } catch (err) {
        this.onListenerError(err);
      }
    }
  }
}
