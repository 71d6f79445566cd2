import type {
  ImmunisationItem,
  ImmunisationStatusItem,
  ImmunisationsArea,
} from '../../../../shared/record/structured-view';
import { AreaNotice } from '../AreaNotice';
import { DateText, ItemFooter, NoneInSubsection, SubHeading, Term, observationText } from '../record-bits';
import type { Column } from '../RecordTable';
import { RecordTable } from '../RecordTable';

function Details({ i }: { readonly i: ImmunisationItem }) {
  const dose =
    i.doseSequence !== undefined
      ? `Dose ${i.doseSequence}${i.seriesDoses !== undefined ? ` of ${i.seriesDoses}` : ''}`
      : undefined;
  const parts = [
    dose,
    i.vaccinationSeries && `series ${i.vaccinationSeries}`,
    i.dose,
    i.site && `site: ${i.site}`,
    i.route && `route: ${i.route}`,
    i.lotNumber && `batch ${i.lotNumber}`,
  ].filter(Boolean);
  return (
    <>
      {parts.length > 0 && <span className="gpc-sr-block">{parts.join(', ')}</span>}
      {i.expirationDate && (
        <span className="gpc-sr-block gpc-sr-muted">
          Expires <DateText date={i.expirationDate} />
        </span>
      )}
      {i.reasons.length > 0 && <span className="gpc-sr-block">Reason: {i.reasons.join('; ')}</span>}
      {i.reportedElsewhere && (
        <span className="gpc-sr-block gpc-sr-muted">Given elsewhere (reported to the practice)</span>
      )}
    </>
  );
}

const vaccine: Column<ImmunisationItem> = {
  header: 'Vaccination',
  cell: (i) => (
    <>
      <Term concept={i.vaccine} />
      {i.procedure && i.procedure.text !== i.vaccine.text && (
        <span className="gpc-sr-block gpc-sr-muted">{i.procedure.text}</span>
      )}
      <ItemFooter item={i} />
    </>
  ),
};
const status: Column<ImmunisationItem> = { header: 'Status', cell: (i) => i.status };

const GIVEN: readonly Column<ImmunisationItem>[] = [
  { header: 'Date', className: 'gpc-col-date', cell: (i) => <DateText date={i.date ?? i.recorded} /> },
  vaccine,
  { header: 'Details', cell: (i) => <Details i={i} /> },
  status,
];
const NOT_GIVEN: readonly Column<ImmunisationItem>[] = [
  { header: 'Date', className: 'gpc-col-date', cell: (i) => <DateText date={i.date ?? i.recorded} /> },
  vaccine,
  { header: 'Reason not given', cell: (i) => i.notGivenReason ?? <span className="gpc-sr-muted">Not recorded</span> },
  status,
];
const STATUSES: readonly Column<ImmunisationStatusItem>[] = [
  { header: 'Date', className: 'gpc-col-date', cell: (s) => <DateText date={s.date ?? s.recorded} /> },
  {
    header: 'Status',
    cell: (s) => (
      <>
        <Term concept={s.concept} />
        {s.value && <span className="gpc-sr-block">{observationText(s.value)}</span>}
        <ItemFooter item={s} />
      </>
    ),
  },
];

/** Vaccinations given, those not given (with the reason), and immunisation status records. */
export function ImmunisationsView({
  area,
  highlight,
}: {
  readonly area: ImmunisationsArea;
  readonly highlight?: string;
}) {
  const total = area.given.length + area.notGiven.length + area.statuses.length;
  const show = total > 0 || area.availability.status === 'present';
  return (
    <>
      <AreaNotice availability={area.availability} title="Immunisations" testId="area-notice-immunisations" />
      {show && (
        <>
          <section className="gpc-sr-subsection" aria-labelledby="sr-imm-given" data-testid="immunisations-given">
            <SubHeading id="sr-imm-given" title="Given" count={area.given.length} />
            {area.given.length > 0 ? (
              <RecordTable
                caption="Immunisations given"
                rows={area.given}
                rowKey={(i) => i.id}
                columns={GIVEN}
                highlightKey={highlight}
              />
            ) : (
              <NoneInSubsection what="immunisations given" />
            )}
          </section>
          <section
            className="gpc-sr-subsection"
            aria-labelledby="sr-imm-not-given"
            data-testid="immunisations-not-given"
          >
            <SubHeading id="sr-imm-not-given" title="Not given" count={area.notGiven.length} />
            {area.notGiven.length > 0 ? (
              <RecordTable
                caption="Immunisations not given"
                rows={area.notGiven}
                rowKey={(i) => i.id}
                columns={NOT_GIVEN}
                highlightKey={highlight}
              />
            ) : (
              <NoneInSubsection what="immunisations not given" />
            )}
          </section>
          {area.statuses.length > 0 && (
            <section className="gpc-sr-subsection" aria-labelledby="sr-imm-status" data-testid="immunisations-status">
              <SubHeading id="sr-imm-status" title="Immunisation status" count={area.statuses.length} />
              <RecordTable
                caption="Immunisation status"
                rows={area.statuses}
                rowKey={(s) => s.id}
                columns={STATUSES}
                highlightKey={highlight}
              />
            </section>
          )}
        </>
      )}
    </>
  );
}
