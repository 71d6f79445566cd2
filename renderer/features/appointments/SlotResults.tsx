import { useId, useMemo, useState } from 'react';
import type { SlotFilter, SlotView } from '../../../shared/appointments/slots';
import { DELIVERY_CHANNELS, filterSlots } from '../../../shared/appointments/slots';
import type { PracticeSlotResult } from '../../../shared/ipc/features/appointments.contract';
import { formatNhsDate } from '../../../shared/nhs/dates';
import { practiceLabel } from './format';
import type { SearchState } from './useSlotSearch';

const SHOWN = 20;

/** Each practice's answer as it arrives (slow ones say so, failed ones are named), filtered alike. */
export function SlotResults({
  state,
  onChoose,
}: {
  readonly state: SearchState;
  readonly onChoose: (slot: SlotView, all: readonly SlotView[]) => void;
}) {
  const [filter, setFilter] = useState<SlotFilter>({});
  if (state.status === 'idle') return null;
  if (state.status === 'failed') {
    return (
      <div className="nhsuk-error-summary" role="alert" data-testid="search-failed">
        <h3 className="nhsuk-error-summary__title">The search could not start</h3>
        <p className="nhsuk-error-summary__body">{state.error.message}</p>
      </div>
    );
  }
  const practices: readonly PracticeSlotResult[] =
    state.progress?.practices ?? state.request.practices.map((odsCode) => ({ odsCode, state: 'pending' as const }));
  const all = practices.flatMap((p) => p.slots ?? []);
  const pending = practices.filter((p) => p.state === 'pending').length;
  return (
    <section className="gpc-appt-results" aria-labelledby="gpc-appt-results-title" data-testid="slot-results">
      <h3 className="nhsuk-heading-s" id="gpc-appt-results-title">
        Free slots, {formatNhsDate(state.request.from)} to {formatNhsDate(state.request.to)}
      </h3>
      <p className="nhsuk-body-s" aria-live="polite" data-testid="search-status">
        {pending > 0
          ? `Waiting for ${pending} of ${practices.length} practices…`
          : `All ${practices.length} practices have answered.`}{' '}
        Times are UK local time. Slots that have already started cannot be booked.
      </p>
      <Filters slots={all} filter={filter} onChange={setFilter} />
      {practices.map((p) => (
        <PracticeResult key={p.odsCode} result={p} filter={filter} onChoose={(s) => onChoose(s, p.slots ?? [])} />
      ))}
    </section>
  );
}

function distinct(values: (string | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => !!v))].sort();
}

function Filters({
  slots,
  filter,
  onChange,
}: {
  readonly slots: readonly SlotView[];
  readonly filter: SlotFilter;
  readonly onChange: (f: SlotFilter) => void;
}) {
  const id = useId();
  const set = (patch: Partial<SlotFilter>) => onChange({ ...filter, ...patch });
  const select = (key: 'slotType' | 'role' | 'gender', label: string, options: string[]) => (
    <div className="nhsuk-form-group">
      <label className="nhsuk-label" htmlFor={`${id}-${key}`}>
        {label}
      </label>
      <select
        className="nhsuk-select"
        id={`${id}-${key}`}
        value={filter[key] ?? ''}
        onChange={(e) => set({ [key]: e.target.value || undefined })}
      >
        <option value="">Any</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </div>
  );
  const channels = filter.channels ?? [];
  return (
    <details className="nhsuk-details gpc-appt-filters">
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">Filter slots</span>
      </summary>
      <div className="nhsuk-details__text gpc-appt-filters__grid">
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor={`${id}-from`}>
            Starting from (time)
          </label>
          <input
            className="nhsuk-input"
            type="time"
            id={`${id}-from`}
            value={filter.fromTime ?? ''}
            onChange={(e) => set({ fromTime: e.target.value || undefined })}
          />
        </div>
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor={`${id}-to`}>
            Starting by (time)
          </label>
          <input
            className="nhsuk-input"
            type="time"
            id={`${id}-to`}
            value={filter.toTime ?? ''}
            onChange={(e) => set({ toTime: e.target.value || undefined })}
          />
        </div>
        <fieldset className="nhsuk-fieldset">
          <legend className="nhsuk-fieldset__legend nhsuk-label">Delivery channel</legend>
          {DELIVERY_CHANNELS.map((c) => (
            <div className="nhsuk-checkboxes__item" key={c}>
              <input
                className="nhsuk-checkboxes__input"
                type="checkbox"
                id={`${id}-ch-${c}`}
                checked={channels.includes(c)}
                onChange={(e) =>
                  set({ channels: e.target.checked ? [...channels, c] : channels.filter((x) => x !== c) })
                }
              />
              <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={`${id}-ch-${c}`}>
                {c}
              </label>
            </div>
          ))}
        </fieldset>
        {select('slotType', 'Slot type', distinct(slots.map((s) => s.slotType)))}
        {select('role', 'Clinician role', distinct(slots.map((s) => s.role)))}
        {select('gender', 'Clinician gender', distinct(slots.map((s) => s.practitionerGender)))}
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor={`${id}-loc`}>
            Location contains
          </label>
          <input
            className="nhsuk-input"
            type="text"
            id={`${id}-loc`}
            value={filter.location ?? ''}
            onChange={(e) => set({ location: e.target.value || undefined })}
          />
        </div>
      </div>
    </details>
  );
}

function PracticeResult({
  result,
  filter,
  onChoose,
}: {
  readonly result: PracticeSlotResult;
  readonly filter: SlotFilter;
  readonly onChoose: (slot: SlotView) => void;
}) {
  const [showAll, setShowAll] = useState(false);
  const slots = useMemo(() => filterSlots(result.slots ?? [], filter), [result.slots, filter]);
  const label = practiceLabel(result.odsCode, result.practiceName);
  const shown = showAll ? slots : slots.slice(0, SHOWN);
  return (
    <section
      className="gpc-appt-practice"
      aria-label={`Slots at ${label}`}
      data-testid={`practice-${result.odsCode}`}
      data-state={result.state}
    >
      <h4 className="nhsuk-heading-xs">{label}</h4>
      {result.state === 'pending' && <p className="gpc-appt-practice__pending">Waiting for the practice to answer…</p>}
      {result.state === 'failed' && (
        <div
          className="nhsuk-warning-callout gpc-appt-practice__failed"
          data-testid={`practice-failed-${result.odsCode}`}
        >
          <h5 className="nhsuk-warning-callout__label">
            <span role="text">
              <span className="nhsuk-u-visually-hidden">Important: </span>No slots from {label}
            </span>
          </h5>
          <p>
            {result.error?.message} ({result.error?.code}
            {result.error?.traceId ? `, trace ${result.error.traceId}` : ''})
          </p>
        </div>
      )}
      {result.state === 'done' && slots.length === 0 && (
        <p>
          {(result.slots ?? []).length === 0
            ? 'This practice has no free slots in these dates.'
            : 'No slots at this practice match the filters.'}
        </p>
      )}
      {result.state === 'done' && slots.length > 0 && (
        <>
          <table className="nhsuk-table gpc-appt-table">
            <caption className="nhsuk-u-visually-hidden">Free slots at {label}</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Time</th>
                <th scope="col">Channel</th>
                <th scope="col">Type</th>
                <th scope="col">Clinician</th>
                <th scope="col">Location</th>
                <th scope="col">
                  <span className="nhsuk-u-visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((s) => (
                <tr key={s.id} data-testid="slot-row">
                  <td>{formatNhsDate(s.date)}</td>
                  <td>
                    {s.startTime}–{s.endTime} <span className="gpc-appt-zone">{s.zone}</span>
                  </td>
                  <td>{s.channel ?? 'Not given'}</td>
                  <td>
                    {s.slotType ?? 'Not given'}
                    {s.session ? <div className="nhsuk-body-s gpc-appt-muted">{s.session}</div> : null}
                  </td>
                  <td>
                    {s.practitionerName ?? 'Not named'}
                    <div className="nhsuk-body-s gpc-appt-muted">
                      {[s.role, s.practitionerGender].filter(Boolean).join(', ')}
                    </div>
                  </td>
                  <td>{s.locationName ?? 'Not given'}</td>
                  <td>
                    {s.bookable ? (
                      <button
                        type="button"
                        className="nhsuk-button nhsuk-button--secondary gpc-appt-choose"
                        onClick={() => onChoose(s)}
                      >
                        Choose
                        <span className="nhsuk-u-visually-hidden">
                          {' '}
                          {formatNhsDate(s.date)} {s.startTime} at {label}
                        </span>
                      </button>
                    ) : (
                      <span>Started: cannot be booked</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {slots.length > SHOWN && (
            <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => setShowAll(!showAll)}>
              {showAll ? `Show the first ${SHOWN}` : `Show all ${slots.length} slots at ${label}`}
            </button>
          )}
        </>
      )}
    </section>
  );
}
