import type { PatientSummary } from '../../../shared/patient/patient-summary';

/** Demographics below the banner. A restricted patient's location is never shown, and the screen says why. */
export function PatientDetails({ patient }: { readonly patient: PatientSummary }) {
  if (patient.restricted) {
    return (
      <div className="nhsuk-warning-callout" data-testid="restricted-notice">
        <h3 className="nhsuk-warning-callout__label">
          <span role="text">
            <span className="nhsuk-u-visually-hidden">Important: </span>Restricted record
          </span>
        </h3>
        <p>
          This patient's details are restricted on the Personal Demographics Service. Their address, contact details and
          registered practice are not shown, and the GP record will not be requested through GP Connect.
        </p>
      </div>
    );
  }
  return (
    <dl className="nhsuk-summary-list" data-testid="patient-details">
      <div className="nhsuk-summary-list__row">
        <dt className="nhsuk-summary-list__key">Address</dt>
        <dd className="nhsuk-summary-list__value">
          {patient.address ? (
            <>
              {patient.address.lines.map((line, i) => (
                <span key={i} className="gpc-address-line">
                  {line}
                </span>
              ))}
              {patient.address.postcode && <span className="gpc-address-line">{patient.address.postcode}</span>}
            </>
          ) : (
            'No current home address recorded'
          )}
        </dd>
      </div>
      <div className="nhsuk-summary-list__row">
        <dt className="nhsuk-summary-list__key">Registered GP practice</dt>
        <dd className="nhsuk-summary-list__value">
          {patient.registeredPractice
            ? `${patient.registeredPractice.name ?? 'Name not known'} (${patient.registeredPractice.odsCode})`
            : 'No registered GP practice recorded'}
        </dd>
      </div>
    </dl>
  );
}
