import type { StructuredCapability } from '../gpconnect/structured-capability';
import type { StructuredRequestPlan } from '../gpconnect/structured-request';
import { crossCheckDemographics, readProviderDemographics } from '../patient/demographic-check';
import type { PatientSummary } from '../patient/patient-summary';
import { ACTIVE_ALLERGIES, ENDED_ALLERGIES, readAllergies } from './readers/allergies';
import type { AvailabilityInput } from './readers/availability';
import { availability, readOutcomeWarnings } from './readers/availability';
import { BundleIndex } from './readers/bundle-index';
import { CONSULTATIONS_LIST, readConsultations } from './readers/consultations';
import { arr, isObject, str } from './readers/fhir-values';
import { INVESTIGATIONS_LIST, readInvestigations } from './readers/investigations';
import { MEDICATIONS_LIST, readMedications } from './readers/medications';
import { IMMUNISATIONS_LIST, UNCATEGORISED_LIST, readImmunisations, readUncategorised } from './readers/observations';
import { PROBLEMS_LIST, readProblems } from './readers/problems';
import { ReaderContext, humanName } from './readers/reader-context';
import { DIARY_LIST, REFERRALS_LIST, readDiary, readReferrals } from './readers/referrals-diary';
import type { AreaAvailability, RecordAreaKey, StructuredRecordView } from './structured-view';

/**
 * The structured record view model (issue 7): every area read from the collection Bundle by the pure readers, with
 * its availability, the demographic cross-check against the PDS trace, and where and when it came from. Pure and
 * synchronous; main calls it (off the renderer's thread) and sends only the result over IPC.
 */
export interface StructuredViewInput {
  /** The traced patient (PDS) the record was asked for. */
  readonly patient: PatientSummary;
  readonly odsCode: string;
  readonly bundle: unknown;
  readonly traceId: string;
  readonly retrievedAt: string;
  /** What was asked for (from the request builder). */
  readonly plan: Pick<StructuredRequestPlan, 'requested' | 'includeResolvedAllergies'>;
  readonly capability: StructuredCapability;
}

const ODS_SYSTEMS = ['https://fhir.nhs.uk/Id/ods-organization-code', 'http://fhir.nhs.net/Id/ods-organization-code'];

function odsOf(org: fhir.Organization | undefined): string | undefined {
  const id = arr(org?.identifier).find((i) => isObject(i) && ODS_SYSTEMS.includes(i.system ?? ''));
  return str(id?.value);
}

export function buildStructuredView(input: StructuredViewInput): StructuredRecordView {
  const index = new BundleIndex(input.bundle);
  const ctx = new ReaderContext(index);
  const outcomeWarnings = readOutcomeWarnings(index);

  const area = (
    key: RecordAreaKey,
    code: string,
    itemCount: number,
    extra: Partial<Pick<AvailabilityInput, 'requested' | 'subList'>> = {},
  ): AreaAvailability =>
    availability({
      area: key,
      list: index.list(code),
      requested: extra.requested ?? input.plan.requested[key],
      capability: input.capability.areas[key],
      itemCount,
      outcomeWarnings,
      ...(extra.subList ? { subList: true } : {}),
    });

  const allergies = readAllergies(ctx);
  const medications = readMedications(ctx);
  const problems = readProblems(ctx);
  const consultations = readConsultations(ctx);
  const immunisations = readImmunisations(ctx);
  const investigations = readInvestigations(ctx);
  const uncategorised = readUncategorised(ctx);
  const referrals = readReferrals(ctx);
  const diary = readDiary(ctx);
  const medicationCount =
    medications.currentRepeats.length +
    medications.currentAcutes.length +
    medications.prescribedElsewhere.length +
    medications.discontinued.length +
    medications.past.length;
  const by = (status: 'active' | 'inactive', significance: 'major' | 'minor') =>
    problems.primary.filter(
      (p) =>
        p.status === status && (significance === 'major' ? p.significance === 'major' : p.significance !== 'major'),
    );

  // Who the record is from: the registered practice (generalPractitioner) and the serving organisation.
  const patientResource = index.ofType<fhir.Patient>('Patient').find((p) => isObject(p));
  const practiceOrg = arr(patientResource?.generalPractitioner)
    .map((r) => index.resolve<fhir.Organization>(r))
    .find((r) => r?.resourceType === 'Organization');
  const servingOrg = index.resolve<fhir.Organization>(patientResource?.managingOrganization);
  const usualGp = arr(patientResource?.generalPractitioner)
    .map((r) => index.resolve<fhir.Practitioner>(r))
    .find((r) => r?.resourceType === 'Practitioner');
  const practiceName =
    str(practiceOrg?.name) ??
    (servingOrg && odsOf(servingOrg)?.toUpperCase() === input.odsCode.toUpperCase()
      ? str(servingOrg.name)
      : undefined) ??
    input.patient.registeredPractice?.name;
  const servingOds = odsOf(servingOrg);
  const servingDiffers = servingOrg !== undefined && servingOds?.toUpperCase() !== input.odsCode.toUpperCase();
  const servingName = str(servingOrg?.name);
  const usualGpName = usualGp ? humanName(arr(usualGp.name)) : undefined;

  const practice = readProviderDemographics(input.bundle);
  const crossCheck = practice
    ? {
        checked: true,
        nhsNumberMismatch: practice.nhsNumber !== undefined && practice.nhsNumber !== input.patient.nhsNumber,
        differences: crossCheckDemographics(input.patient, practice),
        practice,
      }
    : { checked: false, nhsNumberMismatch: false, differences: [] };

  return {
    patient: input.patient,
    odsCode: input.odsCode,
    practice: { odsCode: input.odsCode, ...(practiceName ? { name: practiceName } : {}) },
    ...(servingDiffers
      ? {
          servingOrganisation: {
            ...(servingOds ? { odsCode: servingOds } : {}),
            ...(servingName ? { name: servingName } : {}),
          },
        }
      : {}),
    ...(usualGpName ? { usualGp: usualGpName } : {}),
    traceId: input.traceId,
    retrievedAt: input.retrievedAt,
    crossCheck,
    outcomeWarnings,
    capability: {
      checked: input.capability.known,
      ...(input.capability.note ? { note: input.capability.note } : {}),
    },
    areas: {
      allergies: {
        availability: area('allergies', ACTIVE_ALLERGIES, allergies.active.length),
        active: allergies.active,
        ended: allergies.ended,
        endedAvailability: area('allergies', ENDED_ALLERGIES, allergies.ended.length, {
          requested: input.plan.requested.allergies && input.plan.includeResolvedAllergies,
          subList: true,
        }),
      },
      medications: { availability: area('medications', MEDICATIONS_LIST, medicationCount), ...medications },
      problems: {
        availability: area('problems', PROBLEMS_LIST, problems.primary.length),
        activeMajor: by('active', 'major'),
        activeMinor: by('active', 'minor'),
        inactiveMajor: by('inactive', 'major'),
        inactiveMinor: by('inactive', 'minor'),
      },
      consultations: {
        availability: area('consultations', CONSULTATIONS_LIST, consultations.length),
        consultations,
      },
      immunisations: {
        availability: area(
          'immunisations',
          IMMUNISATIONS_LIST,
          immunisations.given.length + immunisations.notGiven.length + immunisations.statuses.length,
        ),
        ...immunisations,
      },
      investigations: {
        availability: area('investigations', INVESTIGATIONS_LIST, investigations.length),
        reports: investigations,
      },
      uncategorised: {
        availability: area('uncategorised', UNCATEGORISED_LIST, uncategorised.length),
        items: uncategorised,
      },
      referrals: { availability: area('referrals', REFERRALS_LIST, referrals.length), referrals },
      diary: { availability: area('diary', DIARY_LIST, diary.length), entries: diary },
    },
    linkedProblems: problems.linkedOnly,
  };
}
