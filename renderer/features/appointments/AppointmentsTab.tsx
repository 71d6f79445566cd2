import { Suspense, lazy } from 'react';
import type { PatientSummary } from '../../../shared/patient/patient-summary';

/** The Appointments view, loaded the first time the tab is opened: the record screen does not wait for its code. */
const AppointmentsView = lazy(() => import('./AppointmentsView').then((m) => ({ default: m.AppointmentsView })));

export function AppointmentsTab({ patient }: { readonly patient: PatientSummary }) {
  return (
    <Suspense fallback={<p aria-live="polite">Opening appointments…</p>}>
      <AppointmentsView patient={patient} />
    </Suspense>
  );
}
