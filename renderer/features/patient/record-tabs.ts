import type { ComponentType } from 'react';
import type { PatientSummary } from '../../../shared/patient/patient-summary';
import { AppointmentsTab } from '../appointments/AppointmentsTab';
import { RecordHtmlView } from '../record-html/RecordHtmlView';
import { StructuredRecordScreen } from '../record-structured/StructuredRecordScreen';

/**
 * The views of one traced patient, under the one banner: each feature adds one entry. Every view receives the
 * patient the store holds now and is remounted (state dropped) when the patient changes.
 */
export interface RecordTabDef {
  readonly id: string;
  readonly label: string;
  readonly Component: ComponentType<{ readonly patient: PatientSummary }>;
}

export const RECORD_TABS: readonly RecordTabDef[] = [
  { id: 'html', label: 'GP record', Component: RecordHtmlView },
  { id: 'structured', label: 'Structured record', Component: StructuredRecordScreen },
  { id: 'appointments', label: 'Appointments', Component: AppointmentsTab },
];
