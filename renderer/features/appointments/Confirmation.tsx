import type { AppointmentView } from '../../../shared/appointments/appointment-view';
import { formatNhsDate } from '../../../shared/nhs/dates';
import { formatNhsNumber } from '../../../shared/nhs/nhs-number';
import { formatBannerName } from '../../../shared/patient/banner-format';
import type { PatientSummary } from '../../../shared/patient/patient-summary';
import { appointmentPlace, appointmentWhen, practiceLabel } from './format';

/**
 * What the practice now holds, read back after a booking, amendment or cancellation, printable on its own: the
 * patient's identity, time, place, channel and the practice's reference.
 */
export function Confirmation({
  patient,
  appointment,
  heading,
  note,
}: {
  readonly patient: PatientSummary;
  readonly appointment: AppointmentView;
  readonly heading: string;
  readonly note?: string | undefined;
}) {
  const a = appointment;
  return (
    <section className="nhsuk-card gpc-print" aria-labelledby="gpc-confirmation-title" data-testid="confirmation">
      <div className="nhsuk-card__content">
        <h3 className="nhsuk-heading-s" id="gpc-confirmation-title" tabIndex={-1}>
          {heading}
        </h3>
        {note && <p className="nhsuk-inset-text">{note}</p>}
        <p className="gpc-print-only">
          Read back from {practiceLabel(a.odsCode, a.practiceName)} by GP Connect Workstation.
        </p>
        <dl className="nhsuk-summary-list">
          <Row
            term="Patient"
            value={`${formatBannerName(patient.name)}, NHS number ${formatNhsNumber(patient.nhsNumber)}, born ${formatNhsDate(patient.birthDate)}`}
          />
          <Row
            term="Status"
            value={a.cancelled ? 'Cancelled' : a.status === 'booked' ? 'Booked' : a.status}
            testId="confirmation-status"
          />
          <Row term="When" value={appointmentWhen(a)} testId="confirmation-when" />
          <Row term="Practice" value={practiceLabel(a.odsCode, a.practiceName)} />
          <Row term="Where" value={appointmentPlace(a)} />
          <Row term="Delivery channel" value={a.channel ?? 'Not given by the practice'} />
          <Row
            term="Clinician"
            value={[a.practitionerName, a.role].filter(Boolean).join(', ') || 'Not named by the practice'}
          />
          <Row term="Description" value={a.description} testId="confirmation-description" />
          {a.comment && <Row term="Comment" value={a.comment} testId="confirmation-comment" />}
          {a.cancellationReason && (
            <Row term="Cancellation reason" value={a.cancellationReason} testId="confirmation-reason" />
          )}
          <Row term="Reference" value={`${a.id} (version ${a.version})`} testId="confirmation-reference" />
          {a.bookingOrganisation && (
            <Row
              term="Booked by"
              value={[a.bookingOrganisation.name, a.bookingOrganisation.odsCode, a.bookingOrganisation.telephone]
                .filter(Boolean)
                .join(', ')}
            />
          )}
        </dl>
        <button
          type="button"
          className="nhsuk-button nhsuk-button--secondary gpc-no-print"
          onClick={() => window.print()}
        >
          Print confirmation
        </button>
      </div>
    </section>
  );
}

export function Row({
  term,
  value,
  testId,
}: {
  readonly term: string;
  readonly value: string;
  readonly testId?: string;
}) {
  return (
    <div className="nhsuk-summary-list__row">
      <dt className="nhsuk-summary-list__key">{term}</dt>
      <dd className="nhsuk-summary-list__value" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}
