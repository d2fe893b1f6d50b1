import type { RequestName, RequestPayload, RequestResult, ScanResult } from '../../src/api';
import type { Station } from '../../src/core/station';
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

/** Scans each code in turn as a serial scanner would send it; the answer to the last one. */
export async function scanCodes(station: Pick<Station, 'submit'>, ...codes: string[]): Promise<ScanResult> {
  let last: ScanResult | undefined;
  for (const code of codes) last = await station.submit({ deviceId: 'serial-1', bytes: new TextEncoder().encode(code), firstByteAt: 0, receivedAt: 0 });
  if (!last) throw new Error('scanCodes: no code to scan');
  return last;
}
