import type { DemographicDifference, ProviderDemographics } from '../patient/demographic-check';
import type { PatientSummary } from '../patient/patient-summary';

/**
 * The structured GP record (Access Record Structured 1.6, SPEC §6) as the renderer receives it: built in main from
 * the collection Bundle by the pure readers in `shared/record/readers/`, never the raw Bundle. Every provider string
 * here is plain text (render it as text, never as HTML).
 *
 * Stability: the renderer codes against these types. Add fields; do not rename or remove.
 */

// ---------------------------------------------------------------------------------------------------------------------
// Dates as recorded
// ---------------------------------------------------------------------------------------------------------------------

/** How much of a date the practice recorded: FHIR allows `2024`, `2024-03`, `2024-03-12` and full date-times. */
export type DatePrecision = 'year' | 'month' | 'day' | 'time';

export interface RecordedDate {
  /** The value exactly as the provider sent it (`2024`, `2024-03`, `2024-03-12`, `2024-03-12T14:30:00+00:00`). */
  readonly iso: string;
  readonly precision: DatePrecision;
  /** Shown as recorded: `2024`, `Mar-2024`, `12-Mar-2024` (day and time precision both show the date). */
  readonly display: string;
  /** `HH:MM` as recorded, only when precision is `time`. */
  readonly time?: string;
  /** Sortable text (`YYYY-MM-DDTHH:MM`, missing parts filled with the earliest value); compare as strings. */
  readonly sortKey: string;
}

export interface RecordedPeriod {
  readonly start?: RecordedDate;
  readonly end?: RecordedDate;
}

// ---------------------------------------------------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------------------------------------------------

export interface Coding {
  readonly system: string;
  readonly code: string;
  readonly display?: string;
}

/** A coded clinical term: `text` is what the clinician reads (CodeableConcept.text, else the first display). */
export interface CodedConcept {
  readonly text: string;
  readonly codings: readonly Coding[];
}

export interface QuantityValue {
  readonly value?: number;
  /** `<`, `<=`, `>=`, `>` when the result was reported as a bound. */
  readonly comparator?: string;
  readonly unit?: string;
  /** Ready to show: `<5.0 mmol/L`. */
  readonly text: string;
}

/** The value of an observation-like item. */
export type ObservationValue =
  | { readonly kind: 'quantity'; readonly quantity: QuantityValue }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'coded'; readonly concept: CodedConcept }
  | { readonly kind: 'range'; readonly low?: QuantityValue; readonly high?: QuantityValue; readonly text: string }
  | { readonly kind: 'ratio'; readonly text: string }
  | { readonly kind: 'boolean'; readonly value: boolean; readonly text: string }
  | { readonly kind: 'date'; readonly date: RecordedDate; readonly text: string };

export interface ReferenceRangeView {
  readonly low?: QuantityValue;
  readonly high?: QuantityValue;
  /** Ready to show: `3.5 - 5.3 mmol/L`, `< 5`, or the provider's own text. */
  readonly text: string;
  /** E.g. "Normal range", "Therapeutic range". */
  readonly type?: string;
  readonly appliesTo?: string;
  readonly age?: string;
}

export interface InterpretationView {
  /** The HL7 v2 abnormal-flag code when one is given (`H`, `L`, `A`, `HH`, `LL`, `N`...). */
  readonly code?: string;
  readonly text: string;
  /** True when the flag says abnormal (anything other than `N`). */
  readonly abnormal: boolean;
}

export type RecordAreaKey =
  | 'allergies'
  | 'medications'
  | 'problems'
  | 'consultations'
  | 'immunisations'
  | 'investigations'
  | 'uncategorised'
  | 'referrals'
  | 'diary';

/** Every clinical area in the order the record screen lists them. */
export const RECORD_AREA_KEYS: readonly RecordAreaKey[] = [
  'allergies',
  'medications',
  'problems',
  'consultations',
  'immunisations',
  'investigations',
  'uncategorised',
  'referrals',
  'diary',
];

/** What kind of thing a link points at (areas plus what has no area of its own). */
export type LinkedItemKind = RecordAreaKey | 'documents' | 'narrative' | 'other';

/** A reference from one item to another (problem → linked items, consultation → recorded items). */
export interface LinkedItemRef {
  /** `ResourceType/id` of the target; equals the target item's `id` when it was resolved. */
  readonly ref: string;
  readonly kind: LinkedItemKind;
  /** One line: the term, or the narrative text for a consultation note. */
  readonly display: string;
  readonly date?: RecordedDate;
  /** False when the target is not in the Bundle (e.g. excluded, or a different area not requested). */
  readonly resolved: boolean;
}

/** A problem linked to an item (the item's own entry, shown as a chip). */
export interface LinkedProblemRef {
  /** `Condition/id`, equals the ProblemItem `id`. */
  readonly ref: string;
  readonly display: string;
  readonly status?: 'active' | 'inactive';
  readonly significance?: 'major' | 'minor';
  readonly resolved: boolean;
}

/** Fields every clinical item has. */
export interface RecordItemBase {
  /** `ResourceType/id`: unique in one view, used for links and React keys. */
  readonly id: string;
  /** Business identifiers (`system|value`) the item was de-duplicated by. */
  readonly identifiers: readonly string[];
  /** 1.6.2 `meta.security` NOPAT: the practice asks that this item is not disclosed to the patient. */
  readonly nopat: boolean;
  /** When it was recorded (assertedDate / authoredOn / issued...). */
  readonly recorded?: RecordedDate;
  /** Who recorded or asserted it (practitioner name, or organisation). */
  readonly recordedBy?: string;
  /** Free-text notes and comments from the practice. */
  readonly notes: readonly string[];
  /** Problems this item is linked to. */
  readonly linkedProblems: readonly LinkedProblemRef[];
}

// ---------------------------------------------------------------------------------------------------------------------
// Availability: one vocabulary for absence in every area (issue 7 item 4)
// ---------------------------------------------------------------------------------------------------------------------

/**
 * - `present`: items are shown (warnings may still apply, see `warnings`).
 * - `none-recorded`: the practice says nothing is recorded (List `emptyReason`).
 * - `not-supported`: the practice's capability or a `NOT_IMPLEMENTED` "unrecognised parameter" warning says it cannot
 *   answer for this area. Never shown as empty.
 * - `disabled`: the practice has switched this area off ("... has been disabled").
 * - `excluded`: nothing shown because items were withheld as confidential (`confidential-items` on an empty list).
 * - `not-requested`: we did not ask for it (e.g. ended allergies without includeResolvedAllergies).
 * - `not-returned`: asked for and supported, but the answer carried no List for it: unknown, not empty.
 */
export type AreaStatus =
  'present' | 'none-recorded' | 'not-supported' | 'disabled' | 'excluded' | 'not-requested' | 'not-returned';

/** The headline for each status, identical in every area. */
export const AREA_STATUS_TEXT: Readonly<Record<AreaStatus, string>> = {
  present: 'Recorded items shown',
  'none-recorded': 'None recorded',
  'not-supported': 'Not supported by this practice',
  disabled: 'Disabled at this practice',
  excluded: 'Excluded as confidential',
  'not-requested': 'Not requested',
  'not-returned': 'Not returned by the practice: this does not mean none recorded',
};

export type ListWarningCode = 'confidential-items' | 'data-in-transit' | 'data-awaiting-filing';

export interface ListWarningView {
  /** SPEC §6.5 code; an unknown code from a newer provider is kept as sent. */
  readonly code: ListWarningCode | (string & {});
  /** The provider's sentence from `List.note` (or ours when it sent none). */
  readonly text: string;
  /** The date in the sentence ("recorded before dd-Mmm-yyyy"), for in-transit and awaiting-filing. */
  readonly since?: RecordedDate;
}

/** A Bundle OperationOutcome warning (SPEC §6.1 forward compatibility), shown where it applies. */
export interface OutcomeWarningView {
  /** `not-supported`, `informational`... (issue.code). */
  readonly issueCode: string;
  readonly severity: 'fatal' | 'error' | 'warning' | 'information';
  /** Spine code (`NOT_IMPLEMENTED`) when given. */
  readonly spineCode?: string;
  /** `details.text`: "includeReferrals is an unrecognised parameter" / "... has been disabled". */
  readonly text: string;
  /** `diagnostics`: the parameter or `<parent>.<part>` it is about. */
  readonly diagnostics?: string;
  /** The area it concerns; absent when it concerns the whole answer. */
  readonly area?: RecordAreaKey;
}

export interface AreaAvailability {
  readonly status: AreaStatus;
  /** `AREA_STATUS_TEXT[status]`, carried so every area says it the same way. */
  readonly headline: string;
  /** The List's warning codes with their sentences (confidential items, in transit, awaiting filing). */
  readonly warnings: readonly ListWarningView[];
  /** True when `data-in-transit` or `data-awaiting-filing` applies: the area may be incomplete. */
  readonly mayBeIncomplete: boolean;
  /** True when `confidential-items` applies: some items were withheld. */
  readonly itemsWithheld: boolean;
  /** Other `List.note` texts not already carried by a warning (e.g. "Information not available"). */
  readonly notes: readonly string[];
  /** The List `emptyReason` when the practice sent one. */
  readonly emptyReason?: { readonly code?: string; readonly text: string };
  /** Placeholders such as "Referral items have been disabled" (List entries with a display and no reference). */
  readonly placeholders: readonly string[];
  /** Bundle OperationOutcome warnings that concern this area. */
  readonly outcomeWarnings: readonly OutcomeWarningView[];
  /** What the practice's metadata says; `unknown` when its metadata could not be read. */
  readonly capability: 'supported' | 'not-supported' | 'unknown';
  /** How many items are shown (after de-duplication). */
  readonly itemCount: number;
}

// ---------------------------------------------------------------------------------------------------------------------
// Allergies
// ---------------------------------------------------------------------------------------------------------------------

export interface AllergyReactionView {
  readonly manifestations: readonly string[];
  readonly description?: string;
  readonly severity?: string;
  readonly onset?: RecordedDate;
  readonly exposureRoute?: string;
  readonly notes: readonly string[];
}

export interface AllergyItem extends RecordItemBase {
  /** The allergy or adverse reaction term (AllergyIntolerance.code). */
  readonly substance: CodedConcept;
  readonly clinicalStatus: 'active' | 'resolved' | 'inactive' | 'unknown';
  readonly verificationStatus?: string;
  /** `food`, `medication`, `environment`, `biologic`. */
  readonly categories: readonly string[];
  /** `allergy` or `intolerance`. */
  readonly type?: string;
  readonly criticality?: string;
  readonly onset?: RecordedDate;
  readonly lastOccurrence?: RecordedDate;
  /** Ended allergies only: when and why (Extension-CareConnect-GPC-AllergyIntoleranceEnd-1). */
  readonly ended?: { readonly date?: RecordedDate; readonly reason?: string };
  readonly reactions: readonly AllergyReactionView[];
}

export interface AllergiesArea {
  readonly availability: AreaAvailability;
  readonly active: readonly AllergyItem[];
  /** Ended allergies: their own List, never mixed into `active`, never for decision support. */
  readonly ended: readonly AllergyItem[];
  readonly endedAvailability: AreaAvailability;
}

// ---------------------------------------------------------------------------------------------------------------------
// Medications
// ---------------------------------------------------------------------------------------------------------------------

export type PrescriptionType = 'acute' | 'repeat' | 'repeat-dispensing' | 'delayed-prescribing' | 'unknown';

export interface MedicationIssueView {
  /** `MedicationRequest/id` of the issue (intent `order`). */
  readonly id: string;
  readonly issued?: RecordedDate;
  readonly period?: RecordedPeriod;
  readonly quantity?: string;
  readonly supplyDuration?: string;
  readonly issueNumber?: number;
  readonly status?: string;
  readonly nopat: boolean;
}

export interface MedicationItem extends RecordItemBase {
  readonly medication: CodedConcept;
  /** Form/strength when the Medication carries them. */
  readonly form?: string;
  readonly dosage?: string;
  readonly patientInstruction?: string;
  readonly pharmacyInstruction?: string;
  readonly quantity?: string;
  readonly prescriptionType: PrescriptionType;
  /** MedicationStatement status: `active`, `completed`, `stopped`... */
  readonly status: string;
  readonly effective?: RecordedPeriod;
  readonly lastIssued?: RecordedDate;
  /** Prescribing agency when not this practice (`prescribed-by-another-organisation`, `prescribed-by-previous-practice`...). */
  readonly prescribingAgency?: string;
  readonly prescribedElsewhere: boolean;
  readonly repeatsAllowed?: number;
  readonly repeatsIssued?: number;
  readonly reviewDate?: RecordedDate;
  /** Discontinued authorisations: when and why (statusReason). */
  readonly discontinued?: { readonly date?: RecordedDate; readonly reason: string };
  /** `MedicationRequest/id` of the authorisation (intent `plan`), when there is one. */
  readonly authorisationId?: string;
  /** Issues of this authorisation, newest first. */
  readonly issues: readonly MedicationIssueView[];
}

export interface MedicationsArea {
  readonly availability: AreaAvailability;
  readonly currentRepeats: readonly MedicationItem[];
  readonly currentAcutes: readonly MedicationItem[];
  /** Prescribed by another organisation or a previous practice (always returned, SPEC §6.1). */
  readonly prescribedElsewhere: readonly MedicationItem[];
  /** Stopped before their end, each with its reason. */
  readonly discontinued: readonly MedicationItem[];
  /** Completed (ended) courses that were not discontinued. */
  readonly past: readonly MedicationItem[];
}

// ---------------------------------------------------------------------------------------------------------------------
// Problems
// ---------------------------------------------------------------------------------------------------------------------

export interface RelatedProblemView {
  /** `parent`, `child`, `sibling` (Extension-CareConnect-GPC-RelatedProblemHeader-1 `type`). */
  readonly relationship: string;
  readonly problem: LinkedProblemRef;
}

export interface ProblemItem extends RecordItemBase {
  readonly condition: CodedConcept;
  readonly status: 'active' | 'inactive';
  readonly significance?: 'major' | 'minor';
  readonly onset?: RecordedDate;
  readonly ended?: RecordedDate;
  /** The record item that is the actual problem (actualProblem extension). */
  readonly actualProblem?: LinkedItemRef;
  /** Everything linked to it (relatedClinicalContent). */
  readonly linkedItems: readonly LinkedItemRef[];
  readonly relatedProblems: readonly RelatedProblemView[];
}

export interface ProblemsArea {
  readonly availability: AreaAvailability;
  readonly activeMajor: readonly ProblemItem[];
  readonly activeMinor: readonly ProblemItem[];
  readonly inactiveMajor: readonly ProblemItem[];
  readonly inactiveMinor: readonly ProblemItem[];
}

// ---------------------------------------------------------------------------------------------------------------------
// Consultations
// ---------------------------------------------------------------------------------------------------------------------

export interface ConsultationHeadingView {
  readonly id: string;
  /** E.g. "History", "Examination", "Plan". */
  readonly title: string;
  readonly items: readonly LinkedItemRef[];
}

export interface ConsultationTopicView {
  readonly id: string;
  readonly title?: string;
  /** The problem the topic is about, if any (the Topic List's `focus`). */
  readonly problem?: LinkedProblemRef;
  readonly headings: readonly ConsultationHeadingView[];
  /** Items recorded under the topic without a heading. */
  readonly items: readonly LinkedItemRef[];
}

export interface ConsultationItem extends RecordItemBase {
  /** When it happened (Encounter.period.start), as recorded. */
  readonly date?: RecordedDate;
  readonly period?: RecordedPeriod;
  /** The consultation's name (consultation List title, else Encounter.type). */
  readonly title: string;
  readonly type?: string;
  readonly clinician?: string;
  readonly location?: string;
  readonly status?: string;
  readonly topics: readonly ConsultationTopicView[];
}

export interface ConsultationsArea {
  readonly availability: AreaAvailability;
  /** Newest first; undated last. */
  readonly consultations: readonly ConsultationItem[];
}

// ---------------------------------------------------------------------------------------------------------------------
// Immunisations
// ---------------------------------------------------------------------------------------------------------------------

export interface ImmunisationItem extends RecordItemBase {
  readonly vaccine: CodedConcept;
  /** The vaccination procedure term, when recorded as an extension. */
  readonly procedure?: CodedConcept;
  readonly given: boolean;
  /** `completed`, `entered-in-error`... */
  readonly status: string;
  readonly date?: RecordedDate;
  readonly notGivenReason?: string;
  readonly reasons: readonly string[];
  readonly doseSequence?: number;
  readonly seriesDoses?: number;
  readonly vaccinationSeries?: string;
  readonly lotNumber?: string;
  readonly expirationDate?: RecordedDate;
  readonly site?: string;
  readonly route?: string;
  readonly dose?: string;
  readonly reportedElsewhere: boolean;
}

/** Immunisation status observations (includeStatus), e.g. "Seasonal influenza vaccination not indicated". */
export interface ImmunisationStatusItem extends RecordItemBase {
  readonly concept: CodedConcept;
  readonly date?: RecordedDate;
  readonly value?: ObservationValue;
}

export interface ImmunisationsArea {
  readonly availability: AreaAvailability;
  readonly given: readonly ImmunisationItem[];
  readonly notGiven: readonly ImmunisationItem[];
  readonly statuses: readonly ImmunisationStatusItem[];
}

// ---------------------------------------------------------------------------------------------------------------------
// Investigations
// ---------------------------------------------------------------------------------------------------------------------

export interface FilingCommentView {
  readonly id: string;
  readonly text: string;
  readonly date?: RecordedDate;
  readonly by?: string;
}

export interface SpecimenView {
  readonly id: string;
  readonly type?: string;
  readonly collected?: RecordedDate;
  readonly received?: RecordedDate;
  readonly bodySite?: string;
  readonly notes: readonly string[];
}

export interface TestResultView {
  readonly id: string;
  readonly name: CodedConcept;
  readonly value?: ObservationValue;
  readonly unit?: string;
  readonly referenceRanges: readonly ReferenceRangeView[];
  readonly interpretation?: InterpretationView;
  /** From the interpretation flag, or a numeric value outside the reference range when no flag was sent. */
  readonly abnormal: boolean;
  readonly date?: RecordedDate;
  readonly status?: string;
  readonly notes: readonly string[];
  readonly filingComments: readonly FilingCommentView[];
  readonly specimenId?: string;
  readonly nopat: boolean;
}

export interface TestGroupView {
  readonly id: string;
  readonly name: CodedConcept;
  readonly date?: RecordedDate;
  readonly results: readonly TestResultView[];
  readonly notes: readonly string[];
  readonly filingComments: readonly FilingCommentView[];
}

export interface InvestigationReport extends RecordItemBase {
  readonly title: CodedConcept;
  readonly status?: string;
  readonly issued?: RecordedDate;
  readonly effective?: RecordedDate;
  readonly performer?: string;
  readonly requester?: string;
  readonly conclusion?: string;
  readonly specimens: readonly SpecimenView[];
  readonly testGroups: readonly TestGroupView[];
  /** Results reported directly under the report (not in a test group). */
  readonly results: readonly TestResultView[];
  readonly filingComments: readonly FilingCommentView[];
}

export interface InvestigationsArea {
  readonly availability: AreaAvailability;
  /** Newest first; undated last. */
  readonly reports: readonly InvestigationReport[];
}

// ---------------------------------------------------------------------------------------------------------------------
// Uncategorised data
// ---------------------------------------------------------------------------------------------------------------------

export interface BloodPressureView {
  readonly systolic?: QuantityValue;
  readonly diastolic?: QuantityValue;
  /** `120/80 mmHg`; a missing half shows as `-`. */
  readonly text: string;
}

export interface UncategorisedItem extends RecordItemBase {
  readonly concept: CodedConcept;
  readonly date?: RecordedDate;
  readonly value?: ObservationValue;
  readonly referenceRanges: readonly ReferenceRangeView[];
  readonly interpretation?: InterpretationView;
  /** A blood pressure pair (systolic and diastolic components, or two observations of one panel). */
  readonly bloodPressure?: BloodPressureView;
  /** Other components, each shown as `name: value`. */
  readonly components: readonly { readonly name: CodedConcept; readonly value?: ObservationValue }[];
}

export interface UncategorisedArea {
  readonly availability: AreaAvailability;
  /** Newest first; undated last. */
  readonly items: readonly UncategorisedItem[];
}

// ---------------------------------------------------------------------------------------------------------------------
// Referrals and diary
// ---------------------------------------------------------------------------------------------------------------------

export interface ReferralItem extends RecordItemBase {
  readonly date?: RecordedDate;
  readonly status?: string;
  readonly priority?: string;
  readonly type?: string;
  readonly services: readonly string[];
  readonly specialty?: string;
  readonly reasons: readonly CodedConcept[];
  readonly description?: string;
  readonly requester?: string;
  readonly recipients: readonly string[];
  /** e-Referral Service Unique Booking Reference Number, when recorded. */
  readonly ubrn?: string;
  readonly documents: readonly LinkedItemRef[];
}

export interface ReferralsArea {
  readonly availability: AreaAvailability;
  readonly referrals: readonly ReferralItem[];
}

export interface DiaryEntryItem extends RecordItemBase {
  readonly concept: CodedConcept;
  readonly due?: RecordedDate;
  readonly duePeriod?: RecordedPeriod;
  readonly status?: string;
  readonly reasons: readonly string[];
  readonly requester?: string;
}

export interface DiaryArea {
  readonly availability: AreaAvailability;
  /** Soonest first; undated last. */
  readonly entries: readonly DiaryEntryItem[];
}

// ---------------------------------------------------------------------------------------------------------------------
// The whole view
// ---------------------------------------------------------------------------------------------------------------------

export interface StructuredRecordAreas {
  readonly allergies: AllergiesArea;
  readonly medications: MedicationsArea;
  readonly problems: ProblemsArea;
  readonly consultations: ConsultationsArea;
  readonly immunisations: ImmunisationsArea;
  readonly investigations: InvestigationsArea;
  readonly uncategorised: UncategorisedArea;
  readonly referrals: ReferralsArea;
  readonly diary: DiaryArea;
}

export interface StructuredCrossCheck {
  /** False when the answer carried no Patient to compare (shown as a warning). */
  readonly checked: boolean;
  /** The NHS number in the practice's Patient differs from the traced one: never show the record as theirs. */
  readonly nhsNumberMismatch: boolean;
  readonly differences: readonly DemographicDifference[];
  readonly practice?: ProviderDemographics;
}

export interface StructuredRecordView {
  /** The traced patient (PDS) the banner shows; the renderer checks `patient.nhsNumber` against the banner. */
  readonly patient: PatientSummary;
  /** The registered practice the record came from. */
  readonly odsCode: string;
  readonly practice: { readonly odsCode: string; readonly name?: string };
  /** The organisation serving the record when it differs from the registered practice. */
  readonly servingOrganisation?: { readonly odsCode?: string; readonly name?: string };
  /** The usual GP named in the record. */
  readonly usualGp?: string;
  /** `Ssp-TraceID` of the call, for the service desk. */
  readonly traceId: string;
  /** ISO 8601 instant the answer arrived. */
  readonly retrievedAt: string;
  readonly crossCheck: StructuredCrossCheck;
  /** Every Bundle OperationOutcome warning, including those also attached to an area. */
  readonly outcomeWarnings: readonly OutcomeWarningView[];
  /** Whether the practice's structured metadata (CapabilityStatement) could be read. */
  readonly capability: { readonly checked: boolean; readonly note?: string };
  readonly areas: StructuredRecordAreas;
  /** Problems sent only because items of other areas link to them (not part of the problems query). */
  readonly linkedProblems: readonly ProblemItem[];
}
