import { useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import type { GpcApi } from '../shared/ipc/api';
import type { AppInfo } from '../shared/ipc/contract';
import { AppHeader } from './features/app/AppHeader';
import { AuditChainBanner } from './features/audit/AuditChainBanner';
import { SCREENS } from './features/app/screens';
import { SessionGate } from './features/session/SessionGate';
import { SessionSummary } from './features/session/SessionSummary';
import { SessionStoreContext } from './features/session/session-context';
import { createSessionStore } from './features/session/session-store';
import { GpcContext } from './gpc-context';
import { createPatientStore } from './store/patient-store';
import { PatientStoreContext } from './store/store-context';

export function App({ api }: { readonly api: GpcApi }) {
  const patientStore = useMemo(() => createPatientStore(api), [api]);
  // Lock, role switch and sign-out empty the patient context before anything else renders.
  const sessionStore = useMemo(
    () => createSessionStore(api, () => patientStore.getState().clear()),
    [api, patientStore],
  );
  const signedIn = useStore(sessionStore, (s) => s.state?.phase === 'active');
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [screenId, setScreenId] = useState('patient');
  const screens = SCREENS.filter((s) => !s.available || (info !== null && s.available(info)));
  const screen = screens.find((s) => s.id === screenId) ?? screens[0];
  useEffect(() => {
    let live = true;
    void api.app.info().then((result) => {
      if (live && result.ok) setInfo(result.value);
    });
    return () => {
      live = false;
    };
  }, [api]);

  return (
    <GpcContext.Provider value={api}>
      <PatientStoreContext.Provider value={patientStore}>
        <SessionStoreContext.Provider value={sessionStore}>
          <a className="nhsuk-skip-link" href="#maincontent">
            Skip to main content
          </a>
          <AppHeader
            info={info}
            screens={signedIn ? screens : []}
            current={screen?.id}
            onNavigate={setScreenId}
            session={<SessionSummary />}
          />
          {signedIn && info?.auditAdmin && <AuditChainBanner />}
          <div className="nhsuk-width-container">
            <main className="nhsuk-main-wrapper" id="maincontent" tabIndex={-1}>
              <SessionGate>{screen && <screen.Component />}</SessionGate>
            </main>
          </div>
        </SessionStoreContext.Provider>
      </PatientStoreContext.Provider>
    </GpcContext.Provider>
  );
}
