import type { RequestName, RequestPayload, RequestResult } from '../../src/api';
import type { StationEndpoint } from '../../src/dispatch';

/** The endpoint's handlers typed by the API contract (as the bridges call them, minus the zod validation). */
export type TypedRequests = { [N in RequestName]: (payload: RequestPayload<N>) => Promise<RequestResult<N>> };

/** `station.endpoint.handlers`, each call awaited and typed by its name's result schema. */
export function requestsOf(endpoint: StationEndpoint): TypedRequests {
  return new Proxy({} as TypedRequests, {
    get(_target, name: string) {
      const handler = endpoint.handlers[name];
      if (!handler) throw new Error(`the station has no handler for "${name}"`);
      return async (payload: unknown) => handler(payload);
    },
  });
}
