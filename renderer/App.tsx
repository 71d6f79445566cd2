import { useEffect, useMemo, useState } from 'react';
import type { GpcApi } from '../shared/ipc/api';
import type { AppInfo } from '../shared/ipc/contract';
import { AppHeader } from './features/app/AppHeader';
import { AuditChainBanner } from './features/audit/AuditChainBanner';
import { SCREENS } from './features/app/screens';
import { GpcContext } from './gpc-context';
import { createPatientStore } from './store/patient-store';
import { PatientStoreContext } from './store/store-context';

export function App({ api }: { readonly api: GpcApi }) {
  const patientStore = useMemo(() => createPatientStore(api), [api]);
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
        <a className="nhsuk-skip-link" href="#maincontent">
          Skip to main content
        </a>
        <AppHeader info={info} screens={screens} current={screen?.id} onNavigate={setScreenId} />
        {info?.auditAdmin && <AuditChainBanner />}
        <div className="nhsuk-width-container">
          <main className="nhsuk-main-wrapper" id="maincontent" tabIndex={-1}>
            {screen && <screen.Component />}
          </main>
        </div>
      </PatientStoreContext.Provider>
    </GpcContext.Provider>
  );
}
