import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { ManifestActions, ManifestView } from '../../state/manifest-controller';

const ManifestContext = createContext<ManifestActions | null>(null);

/** The manifests screen's store and actions, next to the station's own. */
export function ManifestProvider({ actions, children }: { actions: ManifestActions; children: ReactNode }) {
  return <ManifestContext.Provider value={actions}>{children}</ManifestContext.Provider>;
}

export function useManifestActions(): ManifestActions {
  const actions = useContext(ManifestContext);
  if (!actions) throw new Error('ManifestProvider is missing');
  return actions;
}

export function useManifestView<T>(select: (view: ManifestView) => T): T {
  return useStore(useManifestActions().store, select);
}
