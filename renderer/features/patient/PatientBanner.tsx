import { calendarDateOf, formatAge, formatNhsDate } from '../../../shared/nhs/dates';
import { formatNhsNumber } from '../../../shared/nhs/nhs-number';
import { formatBannerName, formatGender } from '../../../shared/patient/banner-format';
import type { PatientSummary } from '../../../shared/patient/patient-summary';

interface Props {
  readonly patient: PatientSummary;
  /** Injected for tests; the clinician's local date otherwise. */
  readonly today?: Date;
}

/**
 * The patient banner (NHS Common User Interface): the only place identity is shown, always above record content.
 * Family name in capitals, born date as 12-Mar-2024 with age, gender, NHS number 3-3-4, and where the data came from.
 */
export function PatientBanner({ patient, today = new Date() }: Props) {
  const age = patient.deceasedDate ? null : formatAge(patient.birthDate, calendarDateOf(today));
  return (
    <section
      className={`gpc-banner${patient.deceasedDate ? ' gpc-banner--deceased' : ''}`}
      aria-label="Patient banner"
      data-testid="patient-banner"
    >
      <h2 className="gpc-banner__name">{formatBannerName(patient.name)}</h2>
      <dl className="gpc-banner__fields">
        <div>
          <dt>Born</dt>
          <dd>
            {formatNhsDate(patient.birthDate)}
            {age && ` (${age})`}
          </dd>
        </div>
        <div>
          <dt>Gender</dt>
          <dd>{formatGender(patient.gender)}</dd>
        </div>
        <div>
          <dt>NHS number</dt>
          <dd className="gpc-banner__nhs-number">{formatNhsNumber(patient.nhsNumber)}</dd>
        </div>
        {patient.deceasedDate && (
          <div>
            <dt>Died</dt>
            <dd>{formatNhsDate(patient.deceasedDate)}</dd>
          </div>
        )}
      </dl>
      {patient.deceasedDate && <strong className="nhsuk-tag nhsuk-tag--grey gpc-banner__flag">Deceased</strong>}
      {patient.restricted && <strong className="nhsuk-tag nhsuk-tag--red gpc-banner__flag">Restricted record</strong>}
      <p className="gpc-banner__source">Source: {patient.source}</p>
    </section>
  );
}
