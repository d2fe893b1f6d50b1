// The sandboxed preload: the page's only way to the station. A sandboxed preload may require
// 'electron' and nothing else (no relative files), so everything from src/api is imported as types
// only and the channel names are typed against the contract's constants.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type {
  EventEnvelope, EventName, EventPayload, IPC_EVENT_CHANNEL, IPC_REQUEST_CHANNEL, RequestName, RequestPayload,
  RequestResult, ResponseEnvelope, StationBridge,
} from '../../src/api';

// A typo or a renamed channel in src/api fails the compile here.
const REQUEST_CHANNEL: typeof IPC_REQUEST_CHANNEL = 'station:request';
const EVENT_CHANNEL: typeof IPC_EVENT_CHANNEL = 'station:event';

type Listener = (payload: unknown) => void;
const listeners = new Map<string, Set<Listener>>();
let nextId = 1;

// One IPC listener for all events; the page only ever sees plain payloads, never the IPC event object.
ipcRenderer.on(EVENT_CHANNEL, (_event: IpcRendererEvent, envelope: EventEnvelope) => {
  for (const listener of listeners.get(envelope?.name) ?? []) {
    try {
      listener(envelope.payload);
    } catch (error) {
      console.error(`a "${envelope.name}" listener failed`, error);
    }
  }
});

const bridge: StationBridge = {
  async request<N extends RequestName>(name: N, payload: RequestPayload<N>): Promise<RequestResult<N>> {
    const response = (await ipcRenderer.invoke(REQUEST_CHANNEL, { id: nextId++, name, payload })) as ResponseEnvelope;
    if (response.ok) return response.result as RequestResult<N>;
    throw new Error(response.error.message);
  },
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    const set = listeners.get(event) ?? new Set<Listener>();
    listeners.set(event, set);
    set.add(listener as Listener);
    return () => { set.delete(listener as Listener); };
  },
};

// contextBridge copies plain data and proxies functions: no Node or Electron object reaches the page.
contextBridge.exposeInMainWorld('station', bridge);
