import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { DashboardActions, DashboardView } from '../../state/dashboard-controller';

const DashboardContext = createContext<DashboardActions | null>(null);

/** The supervisor screen's store and actions, next to the station's own. */
export function DashboardProvider({ actions, children }: { actions: DashboardActions; children: ReactNode }) {
  return <DashboardContext.Provider value={actions}>{children}</DashboardContext.Provider>;
}

export function useDashboardActions(): DashboardActions {
  const actions = useContext(DashboardContext);
  if (!actions) throw new Error('DashboardProvider is missing');
  return actions;
}

export function useDashboardView<T>(select: (view: DashboardView) => T): T {
  return useStore(useDashboardActions().store, select);
}
