import type {
  AreaAvailability,
  AreaStatus,
  ListWarningView,
  OutcomeWarningView,
} from '../../../shared/record/structured-view';

/** What each absence means for the clinician, after the shared headline (one vocabulary in every area). */
const STATUS_EXPLAINED: Readonly<Record<Exclude<AreaStatus, 'present'>, string>> = {
  'none-recorded': 'The practice says nothing is recorded here.',
  'not-supported':
    'The practice’s system cannot send this part of the record. This does not mean nothing is recorded: ask the practice.',
  disabled: 'The practice has switched off sharing this part of the record. Ask the practice directly.',
  excluded: 'Items here were withheld as confidential or at the patient’s request. This does not mean none recorded.',
  'not-requested': 'The workstation did not ask the practice for this.',
  'not-returned': 'The practice did not send this part of the record. Ask the practice if you need it.',
};

function warningTitle(w: ListWarningView): string {
  switch (w.code) {
    case 'confidential-items':
      return 'Some items excluded as confidential';
    case 'data-in-transit':
      return 'May be incomplete: record in transit';
    case 'data-awaiting-filing':
      return 'May be incomplete: items awaiting filing';
    default:
      return `Warning from the practice (${w.code})`;
  }
}

function OutcomeWarning({ warning }: { readonly warning: OutcomeWarningView }) {
  return (
    <div className="nhsuk-warning-callout gpc-sr-callout" data-testid="outcome-warning">
      <p className="nhsuk-warning-callout__label gpc-sr-callout__label">
        <span role="text">
          <span className="nhsuk-u-visually-hidden">Important: </span>Warning from the practice
        </span>
      </p>
      <p>{warning.text}</p>
      {(warning.spineCode || warning.diagnostics) && (
        <p className="gpc-sr-muted gpc-sr-small">
          {[warning.spineCode, warning.diagnostics].filter(Boolean).join(' · ')}
        </p>
      )}
    </div>
  );
}

/**
 * Everything the practice said about an area, above its items: Bundle warnings, List warnings with their sentences as
 * sent, placeholders, notes, and, when nothing is shown, which kind of absence this is. A clinician must never read
 * "not shown" as "nothing recorded".
 */
export function AreaNotice({
  availability,
  title,
  testId,
}: {
  readonly availability: AreaAvailability;
  /** The area's name, for the status sentence ("Immunisations: None recorded"). */
  readonly title: string;
  readonly testId: string;
}) {
  const { status } = availability;
  return (
    <div className="gpc-sr-notice" data-testid={testId} data-status={status}>
      {availability.outcomeWarnings.map((w, i) => (
        <OutcomeWarning key={`o${i}`} warning={w} />
      ))}
      {availability.warnings.map((w, i) => (
        <div
          key={`w${i}`}
          className="nhsuk-warning-callout gpc-sr-callout"
          data-testid="list-warning"
          data-code={w.code}
        >
          <p className="nhsuk-warning-callout__label gpc-sr-callout__label">
            <span role="text">
              <span className="nhsuk-u-visually-hidden">Important: </span>
              {warningTitle(w)}
            </span>
          </p>
          <p>{w.text}</p>
        </div>
      ))}
      {availability.placeholders.map((p, i) => (
        <div key={`p${i}`} className="nhsuk-inset-text gpc-sr-inset" data-testid="area-placeholder">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>{p}</p>
        </div>
      ))}
      {status !== 'present' && (
        <div className={`gpc-sr-status gpc-sr-status--${status}`} data-testid="area-status">
          <p className="gpc-sr-status__headline">
            {title}: {availability.headline}
          </p>
          <p>{STATUS_EXPLAINED[status]}</p>
          {availability.emptyReason && (
            <p>
              <span className="gpc-sr-muted">The practice’s reason: </span>
              {availability.emptyReason.text}
            </p>
          )}
        </div>
      )}
      {availability.notes.map((n, i) => (
        <p key={`n${i}`} className="gpc-sr-practice-note" data-testid="area-note">
          <span className="gpc-sr-muted">Note from the practice: </span>
          {n}
        </p>
      ))}
    </div>
  );
}
