import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Role, StationBridge } from '../api';
import type { StationStore, StationView } from './station-store';

/** Who may open the manifests screen: every role holding manifest.verify (all but the biller). */
export const mayVerifyManifests = (role: Role | null | undefined): boolean => role !== null && role !== undefined && role !== 'biller';
/** Who may import a file (manifest.import). The core refuses the others anyway; this spares them the button. */
export const mayImportManifests = (role: Role | null | undefined): boolean => role === 'supervisor' || role === 'admin';

/** A rejection from central naming the manifest in hand (its stock posting refused). */
export interface ManifestRejection {
  manifest: string;
  reason: string;
  detail: string;
}

export interface ManifestView {
  rejection: ManifestRejection | null;
}

export interface ManifestActions {
  store: StoreApi<ManifestView>;
  open(): void;
  back(): void;
}

const roleOf = (view: StationView) => (view.state?.slices.session.status === 'active' ? view.state.slices.session.user?.role : null);
const inHand = (view: StationView) => view.state?.slices.manifest?.current ?? null;
/** Central words a refused posting "manifest M-1 moved no stock: …" (central.project_manifests). */
const names = (detail: string, manifest: string) => detail.startsWith(`manifest ${manifest} `);

/**
 * The manifests screen's own state: opening and leaving it, and, for those who may read central's
 * rejections (a supervisor or an admin), the latest one naming the manifest in hand, read again
 * whenever the unseen count or the manifest's status changes.
 */
export function connectManifests(bridge: StationBridge, station: StationStore): ManifestActions {
  const store = createStore<ManifestView>(() => ({ rejection: null }));
  let load = 0;

  async function loadRejection(manifest: string): Promise<void> {
    const request = ++load;
    try {
      const list = await bridge.request('audit.rejections', { limit: 50 });
      const row = list.rows.find((r) => names(r.detail, manifest));
      if (request === load) store.setState({ rejection: row ? { manifest, reason: row.reason, detail: row.detail } : null });
    } catch {
      // not readable here (a packer's session, a dropped link): the audit screen stays the place for it
      if (request === load) store.setState({ rejection: null });
    }
  }

  station.subscribe((view, previous) => {
    if (view.screen !== 'manifests') return;
    // a session that may not verify (signed out, a biller) leaves the screen
    if (view.state && !mayVerifyManifests(roleOf(view))) {
      station.setState({ screen: 'scan' });
      return;
    }
    const m = inHand(view);
    const before = inHand(previous);
    const changed = view.screen !== previous.screen || m?.manifest !== before?.manifest || m?.status !== before?.status
      || view.state?.replication?.unseenRejections !== previous.state?.replication?.unseenRejections;
    if (!changed) return;
    if (m && (m.status === 'completed' || m.status === 'closed-short') && (roleOf(view) === 'supervisor' || roleOf(view) === 'admin')) void loadRejection(m.manifest);
    else store.setState({ rejection: null });
  });

  return {
    store,
    open: () => station.setState({ screen: 'manifests' }),
    back: () => station.setState({ screen: 'scan' }),
  };
}
