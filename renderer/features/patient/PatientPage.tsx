import { formatNhsNumber } from '../../../shared/nhs/nhs-number';
import { recordPatient } from '../../store/patient-store';
import { usePatientStore } from '../../store/store-context';
import { DemographicSearch } from './DemographicSearch';
import { NhsNumberSearch } from './NhsNumberSearch';
import { PatientBanner } from './PatientBanner';
import { PatientDetails } from './PatientDetails';
import { RecordTabs } from './RecordTabs';

/** Find a patient, then their banner and demographics. One patient context; a new search replaces it entirely. */
export function PatientPage() {
  const state = usePatientStore((s) => s.state);
  const forRecord = recordPatient(state);
  return (
    <>
      {state.status === 'found' && <PatientBanner patient={state.patient} />}
      {state.status === 'found' && state.patient.supersededFrom && (
        <div className="nhsuk-inset-text" data-testid="superseded-notice">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>
            NHS number {formatNhsNumber(state.patient.supersededFrom)} has been replaced on PDS by{' '}
            {formatNhsNumber(state.patient.nhsNumber)}. This is the current record.
          </p>
        </div>
      )}
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          {state.status === 'found' && <PatientDetails patient={state.patient} />}
          <NhsNumberSearch />
          <DemographicSearch />
          <div aria-live="polite">
            {state.status === 'tracing' && <p>Tracing {formatNhsNumber(state.nhsNumber)}…</p>}
            {state.status === 'failed' && (
              <div className="nhsuk-card nhsuk-card--feature gpc-failure" data-testid="trace-failure">
                <div className="nhsuk-card__content nhsuk-card__content--feature">
                  <h2 className="nhsuk-card__heading nhsuk-card__heading--feature">Patient not shown</h2>
                  <p className="nhsuk-card__description">{state.error.message}</p>
                  <p className="nhsuk-card__description">NHS number searched: {formatNhsNumber(state.nhsNumber)}</p>
                </div>
              </div>
            )}
          </div>
        </div>
      </div>
      {forRecord && <RecordTabs key={forRecord.nhsNumber} patient={forRecord} />}
      {state.status === 'found' && !state.patient.restricted && !state.patient.registeredPractice && (
        <div className="nhsuk-inset-text" data-testid="no-practice-notice">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>PDS records no registered GP practice for this patient, so there is no GP record to request.</p>
        </div>
      )}
    </>
  );
}
