import type { MedicationItem, MedicationsArea } from '../../../../shared/record/structured-view';
import { AreaNotice } from '../AreaNotice';
import { DateText, ItemFooter, NoneInSubsection, SubHeading, Term, periodText } from '../record-bits';
import type { Column } from '../RecordTable';
import { RecordTable } from '../RecordTable';

const TYPE_LABELS: Readonly<Record<MedicationItem['prescriptionType'], string>> = {
  acute: 'Acute',
  repeat: 'Repeat',
  'repeat-dispensing': 'Repeat dispensing',
  'delayed-prescribing': 'Delayed prescribing',
  unknown: 'Type not recorded',
};

/** An authorisation's issues, on demand: a long repeat can have dozens. */
function Issues({ item }: { readonly item: MedicationItem }) {
  if (item.issues.length === 0) return null;
  return (
    <details className="nhsuk-details gpc-sr-details">
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">
          {item.issues.length} {item.issues.length === 1 ? 'issue' : 'issues'}
          <span className="nhsuk-u-visually-hidden"> of {item.medication.text}</span>
        </span>
      </summary>
      <div className="nhsuk-details__text">
        <table className="nhsuk-table gpc-sr-inner-table">
          <caption className="nhsuk-u-visually-hidden">Issues of {item.medication.text}</caption>
          <thead>
            <tr>
              <th scope="col">Issued</th>
              <th scope="col">Quantity</th>
              <th scope="col">Duration</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {item.issues.map((issue) => (
              <tr key={issue.id}>
                <td>
                  <DateText date={issue.issued ?? issue.period?.start} />
                  {issue.issueNumber !== undefined && (
                    <span className="gpc-sr-muted"> (issue {issue.issueNumber})</span>
                  )}
                </td>
                <td>{issue.quantity ?? <span className="gpc-sr-muted">Not recorded</span>}</td>
                <td>{issue.supplyDuration ?? <span className="gpc-sr-muted">Not recorded</span>}</td>
                <td>
                  {issue.status}
                  {issue.nopat && (
                    <strong className="nhsuk-tag nhsuk-tag--orange gpc-sr-nopat">Do not disclose to the patient</strong>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

function Medication({ m }: { readonly m: MedicationItem }) {
  return (
    <>
      <Term concept={m.medication} />
      {m.form && <span className="gpc-sr-block gpc-sr-muted">{m.form}</span>}
      {m.dosage && <span className="gpc-sr-block">{m.dosage}</span>}
      {m.quantity && <span className="gpc-sr-block gpc-sr-muted">Quantity: {m.quantity}</span>}
      {m.patientInstruction && <span className="gpc-sr-block">Patient instruction: {m.patientInstruction}</span>}
      {m.pharmacyInstruction && <span className="gpc-sr-block">Pharmacy instruction: {m.pharmacyInstruction}</span>}
      <ItemFooter item={m} extra={<Issues item={m} />} />
    </>
  );
}

function Course({ m }: { readonly m: MedicationItem }) {
  const period = periodText(m.effective);
  return (
    <>
      <span className="gpc-sr-block">{TYPE_LABELS[m.prescriptionType]}</span>
      {period && <span className="gpc-sr-block gpc-sr-muted">{period}</span>}
      {m.lastIssued && (
        <span className="gpc-sr-block">
          Last issued <DateText date={m.lastIssued} />
        </span>
      )}
      {(m.repeatsAllowed !== undefined || m.repeatsIssued !== undefined) && (
        <span className="gpc-sr-block gpc-sr-muted">
          Issues {m.repeatsIssued ?? '?'} of {m.repeatsAllowed ?? 'unlimited'}
        </span>
      )}
      {m.reviewDate && (
        <span className="gpc-sr-block">
          Review <DateText date={m.reviewDate} />
        </span>
      )}
      {m.prescribingAgency && <span className="gpc-sr-block gpc-sr-muted">{m.prescribingAgency}</span>}
    </>
  );
}

const started: Column<MedicationItem> = {
  header: 'Started',
  className: 'gpc-col-date',
  cell: (m) => <DateText date={m.effective?.start ?? m.recorded} />,
};
const CURRENT: readonly Column<MedicationItem>[] = [
  started,
  { header: 'Medication and dosage', cell: (m) => <Medication m={m} /> },
  { header: 'Prescribing', cell: (m) => <Course m={m} /> },
];
const DISCONTINUED: readonly Column<MedicationItem>[] = [
  started,
  { header: 'Medication and dosage', cell: (m) => <Medication m={m} /> },
  {
    header: 'Discontinued',
    cell: (m) => (
      <>
        <DateText date={m.discontinued?.date ?? m.effective?.end} empty="Date not recorded" />
        <span className="gpc-sr-block" data-testid="discontinued-reason">
          {m.discontinued?.reason ?? 'Reason not recorded'}
        </span>
      </>
    ),
  },
];

interface Group {
  readonly key: keyof Omit<MedicationsArea, 'availability'>;
  readonly title: string;
  readonly none: string;
  readonly columns: readonly Column<MedicationItem>[];
}
const GROUPS: readonly Group[] = [
  { key: 'currentRepeats', title: 'Current repeat medication', none: 'current repeat medication', columns: CURRENT },
  { key: 'currentAcutes', title: 'Current acute medication', none: 'current acute medication', columns: CURRENT },
  {
    key: 'prescribedElsewhere',
    title: 'Prescribed elsewhere',
    none: 'medication prescribed elsewhere',
    columns: CURRENT,
  },
  { key: 'discontinued', title: 'Discontinued medication', none: 'discontinued medication', columns: DISCONTINUED },
  { key: 'past', title: 'Past medication', none: 'past medication', columns: CURRENT },
];

/** Current repeats and acutes, prescribed elsewhere, discontinued (with reason) and past courses, each apart. */
export function MedicationsView({ area, highlight }: { readonly area: MedicationsArea; readonly highlight?: string }) {
  const total = GROUPS.reduce((n, g) => n + area[g.key].length, 0);
  const showGroups = total > 0 || area.availability.status === 'present';
  return (
    <>
      <AreaNotice availability={area.availability} title="Medications" testId="area-notice-medications" />
      {showGroups &&
        GROUPS.map((g) => (
          <section
            key={g.key}
            className="gpc-sr-subsection"
            aria-labelledby={`sr-med-${g.key}`}
            data-testid={`meds-${g.key}`}
          >
            <SubHeading id={`sr-med-${g.key}`} title={g.title} count={area[g.key].length} />
            {area[g.key].length > 0 ? (
              <RecordTable
                caption={g.title}
                rows={area[g.key]}
                rowKey={(m) => m.id}
                columns={g.columns}
                highlightKey={highlight}
              />
            ) : (
              <NoneInSubsection what={g.none} />
            )}
          </section>
        ))}
    </>
  );
}
