import { createRoot } from 'react-dom/client';
import { playTone, unlockAudioOnFirstGesture } from './audio/tones';
import { pickBridge } from './bridge/pick-bridge';
import { App } from './components/App';
import { followStationLanguage } from './i18n/follow-station';
import { DashboardProvider } from './components/dashboard/dashboard-context';
import { ManifestProvider } from './components/manifest/manifest-context';
import { AdminProvider } from './state/admin-context';
import { connectAdmin } from './state/admin-controller';
import { StationProvider } from './state/context';
import { connectDashboard } from './state/dashboard-controller';
import { connectDiagnostics } from './state/diagnostics-controller';
import { connectManifests } from './state/manifest-controller';
import { connectStation } from './state/station-controller';
import { createStationStore } from './state/station-store';
import { installWedgeInput } from './wedge-input';
import './styles/app.css';

const { bridge, connection } = pickBridge();
const store = createStationStore(connection.status);
// The station's config picks the language; every state it sends says which.
followStationLanguage(store);
const actions = {
  ...connectStation(bridge, connection, store, (result) => playTone(result.outcome)),
  ...connectDiagnostics(bridge, store),
};
const admin = connectAdmin(bridge, store);
const manifests = connectManifests(bridge, store);
const dashboard = connectDashboard(bridge, store);

unlockAudioOnFirstGesture();
installWedgeInput((code) => void actions.submitScan(code, 'wedge'));

const container = document.getElementById('root');
if (!container) throw new Error('index.html lacks #root');
createRoot(container).render(
  <StationProvider store={store} actions={actions}>
    <AdminProvider store={admin.store} actions={admin}>
      <ManifestProvider actions={manifests}>
        <DashboardProvider actions={dashboard}>
          <App />
        </DashboardProvider>
      </ManifestProvider>
    </AdminProvider>
  </StationProvider>,
);
