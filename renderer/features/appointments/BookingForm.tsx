import { useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { COMMENT_MAX, DESCRIPTION_MAX, slotsProblem, textProblem } from '../../../shared/appointments/booking';
import type { SlotView } from '../../../shared/appointments/slots';
import type { BookingOutcome } from '../../../shared/ipc/features/appointments.contract';
import type { GpcErrorInfo } from '../../../shared/ipc/errors';
import type { PatientSummary } from '../../../shared/patient/patient-summary';
import { useGpc } from '../../gpc-context';
import { CountedText } from './CountedText';
import { errorText, slotWhen } from './format';

export interface BookingText {
  readonly description: string;
  readonly comment: string;
}

/** The next slot of the same session if the rules allow booking it together (adjacent, same schedule/channel/type). */
function nextAdjacent(slot: SlotView, all: readonly SlotView[]): SlotView | undefined {
  const next = all.find(
    (s) => s.start !== slot.start && Date.parse(s.start) === Date.parse(slot.end) && s.scheduleId === slot.scheduleId,
  );
  return next && slotsProblem([slot, next], new Date()) === null ? next : undefined;
}

/**
 * The booking form: the chosen slot, description and comment counted against their limits, one request per press
 * (the button is disabled while it is in flight). A lost reply is checked in main before anything else; only when
 * the booking is not there is the user asked whether to try again. A slot taken meanwhile refreshes the search and
 * keeps what was typed.
 */
export function BookingForm({
  patient,
  slot,
  practiceSlots,
  text,
  onText,
  onBooked,
  onSlotTaken,
  onClose,
  onShowAppointments,
}: {
  readonly patient: PatientSummary;
  readonly slot: SlotView;
  readonly practiceSlots: readonly SlotView[];
  readonly text: BookingText;
  readonly onText: (t: BookingText) => void;
  readonly onBooked: (o: BookingOutcome) => void;
  readonly onSlotTaken: (message: string) => void;
  readonly onClose: () => void;
  readonly onShowAppointments: (odsCode: string) => void;
}) {
  const gpc = useGpc();
  const id = useId();
  const inFlight = useRef(false);
  const [busy, setBusy] = useState(false);
  const [withNext, setWithNext] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [failure, setFailure] = useState<GpcErrorInfo | null>(null);
  const next = nextAdjacent(slot, practiceSlots);
  const slots = withNext && next ? [slot, next] : [slot];

  const book = async () => {
    if (inFlight.current) return; // a second click while the first is in flight is the same booking
    const comment = text.comment.trim() === '' ? undefined : text.comment;
    const invalid = textProblem(text.description, comment);
    setProblem(invalid);
    if (invalid) return;
    inFlight.current = true;
    setBusy(true);
    setFailure(null);
    try {
      const r = await gpc.appointment.book({
        nhsNumber: patient.nhsNumber,
        odsCode: slot.odsCode,
        slotIds: slots.map((s) => s.id),
        description: text.description,
        ...(comment ? { comment } : {}),
        attemptId: crypto.randomUUID(),
      });
      if (r.ok) onBooked(r.value);
      else if (r.error.code === 'SLOT_TAKEN') onSlotTaken(r.error.message);
      else setFailure(r.error);
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void book();
  };

  return (
    <form
      className="gpc-appt-book nhsuk-card"
      onSubmit={submit}
      noValidate
      aria-labelledby={`${id}-title`}
      data-testid="booking-form"
    >
      <div className="nhsuk-card__content">
        <h3 className="nhsuk-heading-s" id={`${id}-title`}>
          Book {slotWhen({ ...slot, endTime: (slots[slots.length - 1] ?? slot).endTime })}
        </h3>
        <dl className="nhsuk-summary-list gpc-appt-summary">
          <Row term="Practice" value={slot.odsCode} />
          <Row term="Clinician" value={[slot.practitionerName, slot.role].filter(Boolean).join(', ') || 'Not named'} />
          <Row
            term="Location"
            value={[slot.locationName, slot.locationAddress].filter(Boolean).join(', ') || 'Not given'}
          />
          <Row term="Delivery channel" value={slot.channel ?? 'Not given'} />
          <Row term="Slot type" value={slot.slotType ?? 'Not given'} />
        </dl>
        {next && (
          <div className="nhsuk-checkboxes__item">
            <input
              className="nhsuk-checkboxes__input"
              type="checkbox"
              id={`${id}-next`}
              checked={withNext}
              onChange={(e) => setWithNext(e.target.checked)}
            />
            <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={`${id}-next`}>
              Also book the next slot, {next.startTime}–{next.endTime} (same clinician, channel and type)
            </label>
          </div>
        )}
        <CountedText
          name="description"
          label="Description"
          hint="Why the appointment is needed, in a few words. Not for clinical detail."
          value={text.description}
          max={DESCRIPTION_MAX}
          required
          error={problem && /description/i.test(problem) ? problem : undefined}
          onChange={(description) => onText({ ...text, description })}
        />
        <CountedText
          name="comment"
          label="Comment (optional)"
          hint="Anything the practice should know to prepare. Not for clinical detail."
          value={text.comment}
          max={COMMENT_MAX}
          multiline
          error={problem && /comment/i.test(problem) ? problem : undefined}
          onChange={(comment) => onText({ ...text, comment })}
        />
        {failure && (
          <BookingFailure
            error={failure}
            onRetry={() => void book()}
            onCheck={() => onShowAppointments(slot.odsCode)}
          />
        )}
        <div className="gpc-appt-actions">
          <button className="nhsuk-button" type="submit" disabled={busy} aria-disabled={busy} data-testid="book-button">
            {busy ? 'Booking…' : 'Book appointment'}
          </button>
          <button className="nhsuk-button nhsuk-button--secondary" type="button" onClick={onClose} disabled={busy}>
            Choose another slot
          </button>
        </div>
        <p className="nhsuk-body-s" aria-live="polite">
          {busy ? 'Booking with the practice… do not close the workstation.' : ''}
        </p>
      </div>
    </form>
  );
}

function Row({ term, value }: { readonly term: string; readonly value: string }) {
  return (
    <div className="nhsuk-summary-list__row">
      <dt className="nhsuk-summary-list__key">{term}</dt>
      <dd className="nhsuk-summary-list__value">{value}</dd>
    </div>
  );
}

/** What happened, said plainly; the retry is offered only when main has checked that nothing was booked. */
function BookingFailure({
  error,
  onRetry,
  onCheck,
}: {
  readonly error: GpcErrorInfo;
  readonly onRetry: () => void;
  readonly onCheck: () => void;
}) {
  const title =
    error.code === 'BOOKING_NOT_CONFIRMED'
      ? 'Not booked: the practice did not answer'
      : error.code === 'BOOKING_OUTCOME_UNKNOWN'
        ? 'We do not know whether this was booked'
        : 'The appointment was not booked';
  return (
    <div className="nhsuk-error-summary" role="alert" data-testid="booking-failure" data-code={error.code}>
      <h4 className="nhsuk-error-summary__title">{title}</h4>
      <div className="nhsuk-error-summary__body">
        <p>{errorText(error)}</p>
        {error.detail && <p className="nhsuk-body-s">Detail for the service desk: {error.detail}</p>}
        {error.code === 'BOOKING_NOT_CONFIRMED' && (
          <p>
            We checked the patient’s appointments at the practice and this booking is not there. Do you want to try
            again?{' '}
            <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={onRetry}>
              Yes, try booking again
            </button>
          </p>
        )}
        {error.code === 'BOOKING_OUTCOME_UNKNOWN' && (
          <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={onCheck}>
            Check the patient’s appointments at this practice
          </button>
        )}
      </div>
    </div>
  );
}
