import type { DemographicDifference } from '../../../shared/patient/demographic-check';

/**
 * The practice's Patient compared with the PDS trace in the banner, above the record (HTML or structured): each
 * field that differs, with both values, so the clinician can judge whether this is the right record before relying
 * on it; or a warning that the practice sent nothing to compare.
 */
export function CrossCheck({
  crossCheck,
}: {
  readonly crossCheck: { readonly checked: boolean; readonly differences: readonly DemographicDifference[] };
}) {
  if (!crossCheck.checked) {
    return (
      <div className="nhsuk-warning-callout gpc-sr-callout" data-testid="cross-check-unchecked">
        <p className="nhsuk-warning-callout__label gpc-sr-callout__label">
          <span role="text">
            <span className="nhsuk-u-visually-hidden">Important: </span>Patient details not checked
          </span>
        </p>
        <p>The practice did not send the patient’s details, so they could not be checked against PDS.</p>
      </div>
    );
  }
  if (crossCheck.differences.length === 0) return null;
  return (
    <div className="nhsuk-warning-callout gpc-sr-callout" data-testid="cross-check-warning">
      <p className="nhsuk-warning-callout__label gpc-sr-callout__label">
        <span role="text">
          <span className="nhsuk-u-visually-hidden">Important: </span>The practice’s details for this patient differ
          from PDS
        </span>
      </p>
      <p>Check this is the right patient before relying on the record.</p>
      <table className="nhsuk-table gpc-cross-check">
        <caption className="nhsuk-u-visually-hidden">Differences between PDS and the practice</caption>
        <thead>
          <tr>
            <th scope="col">Detail</th>
            <th scope="col">PDS (banner)</th>
            <th scope="col">GP practice</th>
          </tr>
        </thead>
        <tbody>
          {crossCheck.differences.map((d) => (
            <tr key={d.field}>
              <th scope="row">{d.field}</th>
              <td>{d.pds}</td>
              <td>{d.practice}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
