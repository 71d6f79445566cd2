import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { AppointmentChange, AppointmentView } from '../../../shared/appointments/appointment-view';
import { COMMENT_MAX, DESCRIPTION_MAX, textProblem } from '../../../shared/appointments/booking';
import type { AppointmentList } from '../../../shared/ipc/features/appointments.contract';
import type { GpcErrorInfo } from '../../../shared/ipc/errors';
import { formatNhsDate } from '../../../shared/nhs/dates';
import type { PatientSummary } from '../../../shared/patient/patient-summary';
import { useGpc } from '../../gpc-context';
import { Confirmation } from './Confirmation';
import { CountedText } from './CountedText';
import { appointmentPlace, appointmentWhen, errorText, practiceLabel } from './format';

type ListState =
  | { readonly status: 'idle' | 'loading' }
  | { readonly status: 'loaded'; readonly list: AppointmentList }
  | { readonly status: 'failed'; readonly error: GpcErrorInfo };

/** The patient's future appointments at a practice (cancelled ones marked), and one opened to amend or cancel. */
export function PatientAppointments({
  patient,
  practices,
  odsCode,
  onPractice,
  reloadKey,
}: {
  readonly patient: PatientSummary;
  readonly practices: readonly string[];
  readonly odsCode: string;
  readonly onPractice: (odsCode: string) => void;
  readonly reloadKey: number;
}) {
  const gpc = useGpc();
  const id = useId();
  const [state, setState] = useState<ListState>({ status: 'idle' });
  const [open, setOpen] = useState<string | null>(null);
  const fetchList = useCallback(
    () =>
      gpc.appointment
        .list({ nhsNumber: patient.nhsNumber, odsCode })
        .then((r): ListState => (r.ok ? { status: 'loaded', list: r.value } : { status: 'failed', error: r.error })),
    [gpc, patient.nhsNumber, odsCode],
  );
  const load = async () => {
    if (!odsCode) return;
    setState({ status: 'loading' });
    setState(await fetchList());
  };
  // After a booking elsewhere on the tab: the list of the practice it was made at.
  useEffect(() => {
    if (reloadKey === 0 || !odsCode) return;
    let live = true;
    void fetchList().then((next) => {
      if (live) setState(next);
    });
    return () => {
      live = false;
    };
  }, [reloadKey, odsCode, fetchList]);

  return (
    <section className="gpc-appt-list" aria-labelledby={`${id}-title`} data-testid="patient-appointments">
      <h3 className="nhsuk-heading-s" id={`${id}-title`}>
        The patient’s appointments
      </h3>
      <p className="nhsuk-body-s">Only future appointments can be seen (today’s included). Times are UK local time.</p>
      <div className="gpc-appt-list__controls">
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor={`${id}-practice`}>
            Practice
          </label>
          <select
            className="nhsuk-select"
            id={`${id}-practice`}
            value={odsCode}
            onChange={(e) => onPractice(e.target.value)}
          >
            {practices.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </div>
        <button
          type="button"
          className="nhsuk-button nhsuk-button--secondary"
          onClick={() => void load()}
          disabled={!odsCode}
        >
          Show appointments
        </button>
      </div>
      <div aria-live="polite">{state.status === 'loading' && <p>Getting the appointments from the practice…</p>}</div>
      {state.status === 'failed' && (
        <div className="nhsuk-error-summary" role="alert">
          <h4 className="nhsuk-error-summary__title">The appointments could not be shown</h4>
          <p className="nhsuk-error-summary__body">{errorText(state.error)}</p>
        </div>
      )}
      {state.status === 'loaded' && <ListTable list={state.list} onOpen={setOpen} />}
      {open && (
        <AppointmentDetail
          key={`${odsCode}/${open}`}
          patient={patient}
          odsCode={odsCode}
          appointmentId={open}
          onChanged={() => void load()}
          onClose={() => setOpen(null)}
        />
      )}
    </section>
  );
}

function ListTable({ list, onOpen }: { readonly list: AppointmentList; readonly onOpen: (id: string) => void }) {
  if (!list.registered) {
    return <p>The practice has no record of this patient, so there are no appointments there.</p>;
  }
  if (list.appointments.length === 0) {
    return (
      <p>
        No appointments at {list.odsCode} from {formatNhsDate(list.from)} to {formatNhsDate(list.to)}.
      </p>
    );
  }
  return (
    <table className="nhsuk-table gpc-appt-table" data-testid="appointment-list">
      <caption className="nhsuk-table__caption nhsuk-u-font-size-19">
        At {list.odsCode}, {formatNhsDate(list.from)} to {formatNhsDate(list.to)}
      </caption>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Description</th>
          <th scope="col">Status</th>
          <th scope="col">
            <span className="nhsuk-u-visually-hidden">Action</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {list.appointments.map((a) => (
          <tr key={a.id} data-testid="appointment-row" data-cancelled={a.cancelled}>
            <td>{appointmentWhen(a)}</td>
            <td>{a.description}</td>
            <td>{a.cancelled ? <strong className="nhsuk-tag nhsuk-tag--grey">Cancelled</strong> : 'Booked'}</td>
            <td>
              <button
                type="button"
                className="nhsuk-button nhsuk-button--secondary gpc-appt-choose"
                onClick={() => onOpen(a.id)}
              >
                Open<span className="nhsuk-u-visually-hidden"> appointment {appointmentWhen(a)}</span>
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

type Detail =
  | { readonly status: 'loading' }
  | { readonly status: 'failed'; readonly error: GpcErrorInfo }
  | { readonly status: 'loaded'; readonly appointment: AppointmentView };

/**
 * One appointment read from the practice, with amend (description and comment) and cancel (reason required).
 * Both send the version shown here; a change made elsewhere meanwhile comes back as the reloaded appointment and a
 * list of what changed, and nothing is retried.
 */
function AppointmentDetail({
  patient,
  odsCode,
  appointmentId,
  onChanged,
  onClose,
}: {
  readonly patient: PatientSummary;
  readonly odsCode: string;
  readonly appointmentId: string;
  readonly onChanged: () => void;
  readonly onClose: () => void;
}) {
  const gpc = useGpc();
  const id = useId();
  const [detail, setDetail] = useState<Detail>({ status: 'loading' });
  const [description, setDescription] = useState('');
  const [comment, setComment] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [conflict, setConflict] = useState<readonly AppointmentChange[] | null>(null);
  const [confirmed, setConfirmed] = useState<{ heading: string; appointment: AppointmentView } | null>(null);

  const show = (a: AppointmentView) => {
    setDetail({ status: 'loaded', appointment: a });
    setDescription(a.description);
    setComment(a.comment ?? '');
  };
  const fetchOne = useCallback(
    () => gpc.appointment.read({ nhsNumber: patient.nhsNumber, odsCode, appointmentId }),
    [gpc, patient.nhsNumber, odsCode, appointmentId],
  );
  const read = async () => {
    setDetail({ status: 'loading' });
    const r = await fetchOne();
    if (r.ok) show(r.value);
    else setDetail({ status: 'failed', error: r.error });
  };
  useEffect(() => {
    let live = true;
    void fetchOne().then((r) => {
      if (!live) return;
      if (r.ok) {
        setDetail({ status: 'loaded', appointment: r.value });
        setDescription(r.value.description);
        setComment(r.value.comment ?? '');
      } else setDetail({ status: 'failed', error: r.error });
    });
    return () => {
      live = false;
    };
  }, [fetchOne]);

  if (detail.status === 'loading') return <p aria-live="polite">Reading the appointment from the practice…</p>;
  if (detail.status === 'failed') {
    return (
      <div className="nhsuk-error-summary" role="alert">
        <h4 className="nhsuk-error-summary__title">The appointment could not be read</h4>
        <p className="nhsuk-error-summary__body">{errorText(detail.error)}</p>
      </div>
    );
  }
  const a = detail.appointment;

  const run = async (change: 'amend' | 'cancel') => {
    if (inFlight.current) return;
    const invalid =
      change === 'amend'
        ? textProblem(description, comment === '' ? undefined : comment)
        : reason.trim() === ''
          ? 'Enter the reason for cancelling.'
          : null;
    setProblem(invalid);
    if (invalid) return;
    inFlight.current = true;
    setBusy(true);
    setConflict(null);
    setConfirmed(null);
    try {
      const base = { nhsNumber: patient.nhsNumber, odsCode, appointmentId, version: a.version };
      const r =
        change === 'amend'
          ? await gpc.appointment.amend({ ...base, description, ...(comment ? { comment } : {}) })
          : await gpc.appointment.cancel({ ...base, reason });
      if (!r.ok) {
        if (r.error.code === 'APPOINTMENT_NOT_READ') await read();
        setProblem(errorText(r.error));
        return;
      }
      show(r.value.appointment);
      if (r.value.outcome === 'changed-elsewhere') {
        setConflict(r.value.changes);
      } else {
        setConfirmed({
          heading:
            change === 'amend'
              ? 'Appointment changed: the practice now holds'
              : 'Appointment cancelled: the practice now holds',
          appointment: r.value.appointment,
        });
        setReason('');
      }
      onChanged();
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  return (
    <div className="nhsuk-card gpc-appt-detail" data-testid="appointment-detail">
      <div className="nhsuk-card__content">
        <h4 className="nhsuk-heading-s">
          Appointment {appointmentWhen(a)}{' '}
          {a.cancelled && <strong className="nhsuk-tag nhsuk-tag--grey">Cancelled</strong>}
        </h4>
        <dl className="nhsuk-summary-list">
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">Practice</dt>
            <dd className="nhsuk-summary-list__value">{practiceLabel(a.odsCode, a.practiceName)}</dd>
          </div>
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">Where</dt>
            <dd className="nhsuk-summary-list__value">{appointmentPlace(a)}</dd>
          </div>
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">Clinician</dt>
            <dd className="nhsuk-summary-list__value">
              {[a.practitionerName, a.role].filter(Boolean).join(', ') || 'Not named'}
            </dd>
          </div>
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">Delivery channel</dt>
            <dd className="nhsuk-summary-list__value">{a.channel ?? 'Not given'}</dd>
          </div>
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">Booked by</dt>
            <dd className="nhsuk-summary-list__value">
              {[a.bookingOrganisation?.name, a.bookingOrganisation?.odsCode, a.bookingOrganisation?.telephone]
                .filter(Boolean)
                .join(', ') || 'Not given'}
            </dd>
          </div>
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">Description</dt>
            <dd className="nhsuk-summary-list__value" data-testid="detail-description">
              {a.description}
            </dd>
          </div>
          {a.cancellationReason && (
            <div className="nhsuk-summary-list__row">
              <dt className="nhsuk-summary-list__key">Cancellation reason</dt>
              <dd className="nhsuk-summary-list__value">{a.cancellationReason}</dd>
            </div>
          )}
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">Reference</dt>
            <dd className="nhsuk-summary-list__value">
              {a.id} (version {a.version})
            </dd>
          </div>
        </dl>
        {conflict && (
          <div className="nhsuk-warning-callout" role="alert" data-testid="changed-elsewhere">
            <h5 className="nhsuk-warning-callout__label">
              <span role="text">
                <span className="nhsuk-u-visually-hidden">Important: </span>Changed elsewhere: your change was not saved
              </span>
            </h5>
            <p>
              The practice’s copy changed after you opened it. It has been reloaded above. Check it, then make your
              change again if it is still needed.
            </p>
            <table className="nhsuk-table">
              <caption className="nhsuk-u-visually-hidden">What changed</caption>
              <thead>
                <tr>
                  <th scope="col">Detail</th>
                  <th scope="col">When you opened it</th>
                  <th scope="col">Now</th>
                </tr>
              </thead>
              <tbody>
                {conflict.map((c) => (
                  <tr key={c.field}>
                    <th scope="row">{c.field}</th>
                    <td>{c.before || '(none)'}</td>
                    <td>{c.after || '(none)'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {problem && (
          <div className="nhsuk-error-summary" role="alert" data-testid="change-problem">
            <p className="nhsuk-error-summary__body">{problem}</p>
          </div>
        )}
        {confirmed && (
          <Confirmation patient={patient} appointment={confirmed.appointment} heading={confirmed.heading} />
        )}
        {!a.cancelled && (
          <>
            <form
              onSubmit={(e: FormEvent) => {
                e.preventDefault();
                void run('amend');
              }}
              noValidate
              aria-labelledby={`${id}-amend`}
              data-testid="amend-form"
            >
              <h5 className="nhsuk-heading-xs" id={`${id}-amend`}>
                Change the description or comment
              </h5>
              <CountedText
                name="amend-description"
                label="Description"
                value={description}
                max={DESCRIPTION_MAX}
                required
                onChange={setDescription}
              />
              <CountedText
                name="amend-comment"
                label="Comment (optional)"
                value={comment}
                max={COMMENT_MAX}
                multiline
                onChange={setComment}
              />
              <button type="submit" className="nhsuk-button" disabled={busy} aria-disabled={busy}>
                Save changes
              </button>
            </form>
            <form
              onSubmit={(e: FormEvent) => {
                e.preventDefault();
                void run('cancel');
              }}
              noValidate
              aria-labelledby={`${id}-cancel`}
              data-testid="cancel-form"
            >
              <h5 className="nhsuk-heading-xs" id={`${id}-cancel`}>
                Cancel this appointment
              </h5>
              <CountedText
                name="cancel-reason"
                label="Reason for cancelling"
                value={reason}
                max={COMMENT_MAX}
                required
                onChange={setReason}
              />
              <button type="submit" className="nhsuk-button nhsuk-button--warning" disabled={busy} aria-disabled={busy}>
                Cancel appointment
              </button>
            </form>
          </>
        )}
        <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={onClose}>
          Close appointment
        </button>
      </div>
    </div>
  );
}
