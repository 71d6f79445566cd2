import type { ReactNode } from 'react';
import type {
  CodedConcept,
  LinkedItemRef,
  LinkedProblemRef,
  RecordItemBase,
  RecordedDate,
  RecordedPeriod,
} from '../../../shared/record/structured-view';

export { observationText } from './record-text';

/**
 * Small pieces every area uses. Every provider string goes through React as a text child (escaped), never as HTML.
 */

export function DateText({
  date,
  empty = 'Date not recorded',
}: {
  readonly date: RecordedDate | undefined;
  readonly empty?: string;
}) {
  if (!date) return <span className="gpc-sr-muted">{empty}</span>;
  return (
    <time dateTime={date.iso} className="gpc-sr-date">
      {date.display}
      {date.time && <span className="gpc-sr-muted"> {date.time}</span>}
    </time>
  );
}

export function periodText(period: RecordedPeriod | undefined): string | undefined {
  if (!period?.start && !period?.end) return undefined;
  const start = period.start?.display ?? 'start not recorded';
  return period.end ? `${start} to ${period.end.display}` : `from ${start}`;
}

/** The codes behind a term, small and secondary: the clinician reads the term, the codes are for checking. */
export function Codes({ concept }: { readonly concept: CodedConcept }) {
  if (concept.codings.length === 0) return null;
  return (
    <span className="gpc-sr-codes">
      {concept.codings.map((c) => (
        <span key={`${c.system}|${c.code}`} className="gpc-sr-code" title={c.system}>
          {codeSystemLabel(c.system)} {c.code}
        </span>
      ))}
    </span>
  );
}

const SYSTEM_LABELS: Readonly<Record<string, string>> = {
  'http://snomed.info/sct': 'SNOMED',
  'http://read.info/readv2': 'Read',
  'http://read.info/ctv3': 'CTV3',
  'https://fhir.hl7.org.uk/Id/emis-drug-codes': 'EMIS',
  'https://fhir.hl7.org.uk/Id/egton-codes': 'EMIS',
  'https://fhir.hl7.org.uk/Id/multilex-drug-codes': 'Multilex',
  'https://fhir.hl7.org.uk/Id/resipuk-gemscript-drug-codes': 'Gemscript',
  'http://loinc.org': 'LOINC',
};

export function codeSystemLabel(system: string): string {
  return SYSTEM_LABELS[system] ?? 'Code';
}

export function Term({ concept }: { readonly concept: CodedConcept }) {
  return (
    <>
      <span className="gpc-sr-term">{concept.text}</span>
      <Codes concept={concept} />
    </>
  );
}

/** The 1.6.2 NOPAT label: the practice asks that this is not disclosed to the patient. */
export function NopatTag({ nopat }: { readonly nopat: boolean }) {
  if (!nopat) return null;
  return (
    <strong className="nhsuk-tag nhsuk-tag--orange gpc-sr-nopat" data-testid="nopat">
      Do not disclose to the patient
    </strong>
  );
}

export function Notes({ notes, label = 'Note' }: { readonly notes: readonly string[]; readonly label?: string }) {
  if (notes.length === 0) return null;
  return (
    <ul className="gpc-sr-notes">
      {notes.map((n, i) => (
        <li key={i}>
          <span className="gpc-sr-muted">{label}: </span>
          {n}
        </li>
      ))}
    </ul>
  );
}

export function ProblemChips({ problems }: { readonly problems: readonly LinkedProblemRef[] }) {
  if (problems.length === 0) return null;
  return (
    <p className="gpc-sr-linked">
      <span className="gpc-sr-muted">Problem: </span>
      {problems.map((p, i) => (
        <span key={p.ref}>
          {i > 0 && ', '}
          <span className="gpc-sr-chip">
            {p.display}
            {(p.status || p.significance) && (
              <span className="gpc-sr-muted"> ({[p.status, p.significance].filter(Boolean).join(', ')})</span>
            )}
          </span>
        </span>
      ))}
    </p>
  );
}

const KIND_LABELS: Readonly<Record<LinkedItemRef['kind'], string>> = {
  allergies: 'Allergy',
  medications: 'Medication',
  problems: 'Problem',
  consultations: 'Consultation',
  immunisations: 'Immunisation',
  investigations: 'Investigation',
  uncategorised: 'Observation',
  referrals: 'Referral',
  diary: 'Diary entry',
  documents: 'Document',
  narrative: 'Note',
  other: 'Item',
};

export function kindLabel(kind: LinkedItemRef['kind']): string {
  return KIND_LABELS[kind];
}

/** Items linked to a problem or recorded in a consultation; an item not in the answer says so. */
export function LinkedItems({ items }: { readonly items: readonly LinkedItemRef[] }) {
  if (items.length === 0) return null;
  return (
    <ul className="gpc-sr-linked-items">
      {items.map((item, i) => (
        <li key={`${item.ref}-${i}`}>
          <span className="gpc-sr-muted">{kindLabel(item.kind)}: </span>
          {item.display}
          {item.date && (
            <>
              {' '}
              <span className="gpc-sr-muted">({item.date.display})</span>
            </>
          )}
          {!item.resolved && <span className="gpc-sr-muted"> (not included in this answer)</span>}
        </li>
      ))}
    </ul>
  );
}

/** What every item carries below its main fields: who recorded it, notes, linked problems, NOPAT. */
export function ItemFooter({ item, extra }: { readonly item: RecordItemBase; readonly extra?: ReactNode }) {
  return (
    <>
      <NopatTag nopat={item.nopat} />
      {extra}
      <Notes notes={item.notes} />
      <ProblemChips problems={item.linkedProblems} />
      {item.recordedBy && <p className="gpc-sr-muted gpc-sr-small">Recorded by {item.recordedBy}</p>}
    </>
  );
}

/** A subsection heading with its count, so "0" is never confused with "not shown". */
export function SubHeading({
  id,
  title,
  count,
}: {
  readonly id: string;
  readonly title: string;
  readonly count: number;
}) {
  return (
    <h4 id={id} className="nhsuk-heading-xs gpc-sr-subheading">
      {title} <span className="gpc-sr-count">({count})</span>
    </h4>
  );
}

/** Said inside a subsection that has nothing while the area as a whole has items (e.g. no acute medication). */
export function NoneInSubsection({ what }: { readonly what: string }) {
  return <p className="gpc-sr-none">No {what} recorded.</p>;
}
