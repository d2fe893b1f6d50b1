import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { DiagnosticsActions } from './diagnostics-controller';
import type { StationActions } from './station-controller';
import type { StationStore, StationView } from './station-store';

/** Everything the screen can ask for: the packer's actions and the diagnostics screen's. */
export type KioskActions = StationActions & DiagnosticsActions;

interface Station {
  store: StationStore;
  actions: KioskActions;
}

const StationContext = createContext<Station | null>(null);

export function StationProvider({ store, actions, children }: Station & { children: ReactNode }) {
  return <StationContext.Provider value={{ store, actions }}>{children}</StationContext.Provider>;
}

function useStation(): Station {
  const station = useContext(StationContext);
  if (!station) throw new Error('StationProvider is missing');
  return station;
}

/** Reads one slice of the station view; re-renders only when that slice changes. */
export function useStationView<T>(select: (view: StationView) => T): T {
  return useStore(useStation().store, select);
}

export function useStationActions(): KioskActions {
  return useStation().actions;
}
