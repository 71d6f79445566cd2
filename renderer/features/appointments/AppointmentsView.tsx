import { useEffect, useRef, useState } from 'react';
import type { SlotView } from '../../../shared/appointments/slots';
import type { BookingOutcome } from '../../../shared/ipc/features/appointments.contract';
import type { PatientSummary } from '../../../shared/patient/patient-summary';
import type { BookingText } from './BookingForm';
import { BookingForm } from './BookingForm';
import { Confirmation } from './Confirmation';
import { PatientAppointments } from './PatientAppointments';
import { SearchForm } from './SearchForm';
import { SlotResults } from './SlotResults';
import { useSlotSearch } from './useSlotSearch';
import './appointments.scss';

/**
 * Appointments for the patient under the banner (Appointment Management 1.2.x): search free slots at several
 * practices, book one, see what the practice holds, amend or cancel. Everything goes through main, which keeps the
 * trace gate, books only slots a practice offered, and never books twice.
 */
export function AppointmentsView({ patient }: { readonly patient: PatientSummary }) {
  const { state, run } = useSlotSearch();
  const [chosen, setChosen] = useState<{ slot: SlotView; all: readonly SlotView[] } | null>(null);
  const [text, setText] = useState<BookingText>({ description: '', comment: '' });
  const [notice, setNotice] = useState<string | null>(null);
  const [booked, setBooked] = useState<BookingOutcome | null>(null);
  const own = patient.registeredPractice?.odsCode;
  const [listPractice, setListPractice] = useState(own ?? '');
  const [listReload, setListReload] = useState(0);
  const confirmation = useRef<HTMLDivElement>(null);

  const searched = state.status === 'running' || state.status === 'done' ? state.request.practices : [];
  const practices = [...new Set([...(own ? [own] : []), ...searched, ...(booked ? [booked.appointment.odsCode] : [])])];

  useEffect(() => {
    if (booked) confirmation.current?.querySelector<HTMLElement>('h3')?.focus();
  }, [booked]);

  const showAppointments = (odsCode: string) => {
    setListPractice(odsCode);
    setListReload((n) => n + 1);
  };

  return (
    <section className="gpc-appointments" aria-labelledby="gpc-appointments-title" data-testid="appointments">
      <h2 id="gpc-appointments-title" className="nhsuk-heading-m">
        Appointments
      </h2>
      {!patient.registeredPractice && (
        <p className="nhsuk-inset-text">PDS records no registered practice for this patient.</p>
      )}
      <SearchForm
        patient={patient}
        busy={state.status === 'running'}
        onSearch={(r) => {
          setChosen(null);
          setNotice(null);
          run(r);
        }}
      />
      {notice && (
        <div className="nhsuk-warning-callout" role="alert" data-testid="slot-taken">
          <h3 className="nhsuk-warning-callout__label">
            <span role="text">
              <span className="nhsuk-u-visually-hidden">Important: </span>Slot no longer available
            </span>
          </h3>
          <p>{notice}</p>
        </div>
      )}
      {chosen && (
        <BookingForm
          key={chosen.slot.odsCode + chosen.slot.id}
          patient={patient}
          slot={chosen.slot}
          practiceSlots={chosen.all}
          text={text}
          onText={setText}
          onClose={() => setChosen(null)}
          onShowAppointments={showAppointments}
          onSlotTaken={(message) => {
            // Keep what was typed; refresh the search so the taken slot disappears.
            setNotice(message);
            setChosen(null);
            if (state.status === 'running' || state.status === 'done') run(state.request);
          }}
          onBooked={(outcome) => {
            setBooked(outcome);
            setChosen(null);
            setNotice(null);
            setText({ description: '', comment: '' });
            setListPractice(outcome.appointment.odsCode);
            setListReload((n) => n + 1);
          }}
        />
      )}
      {booked && (
        <div ref={confirmation}>
          <Confirmation
            patient={patient}
            appointment={booked.appointment}
            heading="Appointment booked: the practice now holds"
            note={
              [
                booked.registered ? 'The patient was temporarily registered at this practice first.' : '',
                booked.recoveredAfterLostReply
                  ? 'The practice’s reply was lost, so its appointments were checked: this booking was found there. It was booked once.'
                  : '',
              ]
                .filter(Boolean)
                .join(' ') || undefined
            }
          />
        </div>
      )}
      <SlotResults
        state={state}
        onChoose={(slot, all) => {
          setBooked(null);
          setNotice(null);
          setChosen({ slot, all });
        }}
      />
      <PatientAppointments
        patient={patient}
        practices={practices}
        odsCode={listPractice || practices[0] || ''}
        onPractice={setListPractice}
        reloadKey={listReload}
      />
    </section>
  );
}
