/** Whether the page can currently reach the station. Electron's preload is always "connected". */
export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting';

/** A bridge that can tell the UI when its link to the station drops and comes back. */
export interface ConnectionSource {
  readonly status: ConnectionStatus;
  /** Returns an unsubscribe function. */
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
}

/** The in-process preload bridge never disconnects. */
export const alwaysConnected: ConnectionSource = {
  status: 'connected',
  onStatus: () => () => {},
};
