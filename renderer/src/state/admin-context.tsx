import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { AdminActions, AdminStore, AdminView } from './admin-controller';

interface Admin {
  store: AdminStore;
  actions: AdminActions;
}

const AdminContext = createContext<Admin | null>(null);

/** The admin screens' store and actions (users list, audit viewer), next to the station's own. */
export function AdminProvider({ store, actions, children }: Admin & { children: ReactNode }) {
  return <AdminContext.Provider value={{ store, actions }}>{children}</AdminContext.Provider>;
}

function useAdmin(): Admin {
  const admin = useContext(AdminContext);
  if (!admin) throw new Error('AdminProvider is missing');
  return admin;
}

export function useAdminView<T>(select: (view: AdminView) => T): T {
  return useStore(useAdmin().store, select);
}

export function useAdminActions(): AdminActions {
  return useAdmin().actions;
}
