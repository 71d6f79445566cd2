import { isValidNhsNumber } from '../../../../shared/nhs/nhs-number';
import type { PracticeRecord } from '../../data/practices';
import { pdsRecordFor } from '../../data/pds-patients';
import { gpcError } from '../../operation-outcome';
import type { GpcErrorCode } from '../../operation-outcome';
import { checkRequestBodyType } from '../../validation/content-negotiation';
import { DSTU2_NHS_NUMBER_SYSTEM, DSTU2_ODS_SYSTEM } from '../../validation/jwt-claims-dstu2';
import type { Checked } from '../../validation/result';
import { pass, reject } from '../../validation/result';
import { patientResource } from '../foundations-resources';
import { buildStructuredRecord } from '../structured/record-builder';
import { activeRecord } from '../structured/structured-record';
import type { SectionCode } from './care-record-sections';
import { RecordView, SECTION_TITLES, UNFILTERED_SECTIONS, sectionTables } from './care-record-sections';
import { renderSection } from './section-layout';

/**
 * `POST Patient/$gpc.getcarerecord` (Access Record HTML 0.7.4, DSTU2, SPEC §7): the Parameters checked as the 0.7.4
 * suite does (structure faults 400, bad values 422), the patient's state, then a searchset Bundle with the
 * Composition first (one section of provider XHTML) and the Patient, Organization, Practitioner and Device.
 */
export const SECTION_SYSTEM = 'http://fhir.nhs.net/ValueSet/gpconnect-record-section-1';
const PROFILE = 'http://fhir.nhs.net/StructureDefinition/';
const KNOWN_SECTIONS = new Set(Object.keys(SECTION_TITLES));
/** In the value set, but no 0.7.4 provider implements them (SPEC §7.1). */
const UNIMPLEMENTED_SECTIONS = new Set(['INV', 'PAT']);
const FHIR_DATE =
  /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01])(T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?)?)?$/;

type Json = Record<string, unknown>;
const fail = (code: GpcErrorCode, message: string) => reject(gpcError(code, message));

export interface CareRecordQuery {
  readonly nhsNumber: string;
  readonly section: SectionCode;
  readonly period?: { readonly start?: string; readonly end?: string };
}

function only(parameters: Json[], name: string): Checked<Json | undefined> {
  const found = parameters.filter((p) => p['name'] === name);
  if (found.length > 1) return fail('BAD_REQUEST', `${name} is given more than once`);
  return pass(found[0]);
}

const low = (d: string) => (d.length === 4 ? `${d}-01-01` : d.length === 7 ? `${d}-01` : d);

export function checkCareRecordParameters(body: Buffer): Checked<CareRecordQuery> {
  if (body.length === 0) return fail('BAD_REQUEST', 'the request body is empty');
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    return fail('BAD_REQUEST', 'the request body is not valid JSON');
  }
  const resource = json as Json | null;
  if (resource === null || typeof resource !== 'object' || resource['resourceType'] !== 'Parameters') {
    return fail('INVALID_RESOURCE', 'the body must be a Parameters resource');
  }
  if (!Array.isArray(resource['parameter'])) return fail('BAD_REQUEST', 'Parameters.parameter is missing');
  const parameters = (resource['parameter'] as unknown[]).filter((p): p is Json => p !== null && typeof p === 'object');
  const unknown = parameters.find(
    (p) => !['patientNHSNumber', 'recordSection', 'timePeriod'].includes(String(p['name'])),
  );
  if (unknown) return fail('INVALID_PARAMETER', `unknown parameter ${String(unknown['name']).slice(0, 60)}`);

  const nhsParam = only(parameters, 'patientNHSNumber');
  if (!nhsParam.ok) return nhsParam;
  if (!nhsParam.value) return fail('BAD_REQUEST', 'patientNHSNumber is missing');
  const identifier = nhsParam.value['valueIdentifier'] as { system?: unknown; value?: unknown } | undefined;
  if (!identifier || typeof identifier !== 'object')
    return fail('BAD_REQUEST', 'patientNHSNumber must be a valueIdentifier');
  if (identifier.system !== DSTU2_NHS_NUMBER_SYSTEM) {
    return fail('INVALID_IDENTIFIER_SYSTEM', `patientNHSNumber system must be ${DSTU2_NHS_NUMBER_SYSTEM}`);
  }
  const nhsNumber = typeof identifier.value === 'string' ? identifier.value : '';
  if (!/^\d{10}$/.test(nhsNumber) || !isValidNhsNumber(nhsNumber)) {
    return fail('INVALID_NHS_NUMBER', `"${nhsNumber.slice(0, 20)}" is not a valid NHS number`);
  }

  const sectionParam = only(parameters, 'recordSection');
  if (!sectionParam.ok) return sectionParam;
  if (!sectionParam.value) return fail('BAD_REQUEST', 'recordSection is missing');
  const coding = (sectionParam.value['valueCodeableConcept'] as { coding?: unknown } | undefined)?.coding;
  if (!Array.isArray(coding) || coding.length !== 1) {
    return fail('BAD_REQUEST', 'recordSection must be a valueCodeableConcept with one coding');
  }
  const sectionCoding = coding[0] as { system?: unknown; code?: unknown };
  if (sectionCoding.system !== SECTION_SYSTEM)
    return fail('BAD_REQUEST', `recordSection system must be ${SECTION_SYSTEM}`);
  const code = String(sectionCoding.code ?? '');
  if (UNIMPLEMENTED_SECTIONS.has(code))
    return fail('NOT_IMPLEMENTED', `section ${code} is not supported by this system`);
  if (!KNOWN_SECTIONS.has(code))
    return fail('INVALID_PARAMETER', `"${code.slice(0, 10)}" is not a record section code`);

  const periodParam = only(parameters, 'timePeriod');
  if (!periodParam.ok) return periodParam;
  if (!periodParam.value) return pass({ nhsNumber, section: code as SectionCode });
  if (UNFILTERED_SECTIONS.has(code)) return fail('BAD_REQUEST', `section ${code} takes no timePeriod`);
  const period = periodParam.value['valuePeriod'] as { start?: unknown; end?: unknown } | undefined;
  if (!period || typeof period !== 'object') return fail('BAD_REQUEST', 'timePeriod must be a valuePeriod');
  const out: { start?: string; end?: string } = {};
  for (const bound of ['start', 'end'] as const) {
    const value = period[bound];
    if (value === undefined) continue;
    if (typeof value !== 'string' || !FHIR_DATE.test(value)) {
      return fail('INVALID_PARAMETER', `timePeriod.${bound} ${JSON.stringify(value)} is not a FHIR date`);
    }
    out[bound] = value;
  }
  if (out.start !== undefined && out.end !== undefined && low(out.start.slice(0, 10)) > low(out.end.slice(0, 10))) {
    return fail('INVALID_PARAMETER', 'timePeriod starts after it ends');
  }
  return pass({ nhsNumber, section: code as SectionCode, period: out });
}

/** The STU3 Patient (our single source of demographics) reshaped as the DSTU2 gpconnect-patient-1. */
function dstu2Patient(stu3: Json): Json {
  const name = (stu3['name'] as { family?: string; given?: string[]; prefix?: string[] }[])[0];
  return {
    resourceType: 'Patient',
    id: stu3['id'],
    meta: { versionId: '1', profile: [`${PROFILE}gpconnect-patient-1`] },
    identifier: [{ system: DSTU2_NHS_NUMBER_SYSTEM, value: (stu3['identifier'] as { value: string }[])[0]?.value }],
    name: [{ use: 'official', family: [name?.family ?? ''], given: name?.given ?? [], prefix: name?.prefix ?? [] }],
    gender: stu3['gender'],
    birthDate: stu3['birthDate'],
    address: stu3['address'],
    telecom: stu3['telecom'],
    careProvider: stu3['generalPractitioner'],
    managingOrganization: stu3['managingOrganization'],
  };
}

export function getCareRecord(call: {
  readonly practice: PracticeRecord;
  readonly contentType: string | undefined;
  readonly body: Buffer;
  readonly jwtNhsNumber: string;
  readonly traceId: string;
  readonly now: Date;
  readonly today: string;
  readonly seed: number;
}): Checked<Json> {
  const type = checkRequestBodyType(call.contentType, 'dstu2');
  if (!type.ok) return type;
  const query = checkCareRecordParameters(call.body);
  if (!query.ok) return query;
  const { nhsNumber, section, period } = query.value;
  if (call.jwtNhsNumber !== nhsNumber) {
    return fail('BAD_REQUEST', 'the JWT requested_record names a different NHS number from the request');
  }
  const record = activeRecord(call.practice, nhsNumber);
  if (!record.ok) return record;
  if (record.value.dissent) return fail('NO_PATIENT_CONSENT', 'the patient has dissented from sharing their GP record');
  const pds = pdsRecordFor(nhsNumber);
  if (!pds) return fail('PATIENT_NOT_FOUND', 'the NHS number could not be verified');

  const structured = buildStructuredRecord({
    practice: call.practice,
    patient: record.value,
    pds,
    query: {
      nhsNumber,
      allergies: { includeResolved: true },
      medication: { includeIssues: true },
      consultations: {},
      problems: {},
      immunisations: { includeNotGiven: true, includeStatus: true },
      uncategorised: {},
      investigations: {},
      referrals: {},
      diary: {},
      unknown: [],
      disabled: [],
    },
    traceId: call.traceId,
    seed: call.seed,
    today: call.today,
  });
  const view = new RecordView(structured, call.today);
  const title = SECTION_TITLES[section];
  const div = renderSection(title, sectionTables(section, view, period), {
    ...(record.value.recordCase === 'in-transit' ? { inTransitSince: record.value.registeredSince } : {}),
    confidentialItemsExcluded: record.value.recordCase === 'confidential-items',
    ...(period === undefined ? {} : { period }),
  });

  const practice = call.practice;
  const gp = practice.practitioners.find((p) => p.id === record.value.usualGpId) ?? practice.practitioners[0];
  const patient = dstu2Patient(patientResource(record.value, pds, practice));
  const composition: Json = {
    resourceType: 'Composition',
    id: call.traceId,
    meta: { profile: [`${PROFILE}gpconnect-carerecord-composition-1`] },
    date: call.now.toISOString().replace(/\.\d{3}Z$/, '+00:00'),
    type: {
      coding: [{ system: 'http://snomed.info/sct', code: '425173008', display: 'record extract (record artifact)' }],
    },
    class: {
      coding: [
        { system: 'http://snomed.info/sct', code: '700232004', display: 'general medical service (qualifier value)' },
      ],
    },
    title: 'Patient Care Record',
    status: 'final',
    subject: { reference: `Patient/${record.value.logicalId}` },
    author: [{ reference: 'Device/demonstrator' }],
    custodian: { reference: `Organization/${practice.organizationId}`, display: practice.name },
    section: [
      {
        title,
        code: { coding: [{ system: SECTION_SYSTEM, code: section, display: title }], text: title },
        text: { status: 'generated', div },
      },
    ],
  };
  const resources: Json[] = [
    composition,
    patient,
    {
      resourceType: 'Organization',
      id: practice.organizationId,
      meta: { versionId: '1', profile: [`${PROFILE}gpconnect-organization-1`] },
      identifier: [{ system: DSTU2_ODS_SYSTEM, value: practice.odsCode }],
      name: practice.name,
      address: [{ use: 'work', line: [...practice.line], city: practice.city, postalCode: practice.postalCode }],
    },
    ...(gp
      ? [
          {
            resourceType: 'Practitioner',
            id: gp.id,
            meta: { versionId: '1', profile: [`${PROFILE}gpconnect-practitioner-1`] },
            identifier: [{ system: 'http://fhir.nhs.net/Id/sds-user-id', value: gp.sdsUserId }],
            name: { family: [gp.family], given: [...gp.given], prefix: [...gp.prefix] },
            gender: gp.gender,
          },
        ]
      : []),
    {
      resourceType: 'Device',
      id: 'demonstrator',
      meta: { versionId: '1', profile: [`${PROFILE}gpconnect-device-1`] },
      identifier: [{ system: 'https://gpc-workstation.demonstrator.invalid/Id/device', value: 'GPCW-DEMONSTRATOR' }],
      type: {
        coding: [
          { system: 'http://snomed.info/sct', code: '462240000', display: 'Patient health record information system' },
        ],
      },
      model: 'GP Connect Workstation demonstrator',
    },
  ];
  return pass({
    resourceType: 'Bundle',
    id: call.traceId,
    type: 'searchset',
    entry: resources.map((resource) => ({ resource })),
  });
}

/** The 0.7.x metadata: a DSTU2 Conformance naming the one operation. */
export function htmlConformance(practice: PracticeRecord, softwareVersion: string): Json {
  return {
    resourceType: 'Conformance',
    version: '0.7.4',
    name: 'GP Connect',
    status: 'active',
    date: '2017-05-10',
    publisher: 'GP Connect Workstation demonstrator (synthetic)',
    description: `This server implements the GP Connect Access Record HTML API version 0.7.4 (${practice.name}, synthetic)`,
    kind: 'capability',
    software: { name: 'GP Connect Workstation demonstrator', version: softwareVersion },
    fhirVersion: '1.0.2',
    acceptUnknown: 'both',
    format: ['application/json+fhir'],
    rest: [
      {
        mode: 'server',
        operation: [{ name: 'gpc.getcarerecord', definition: { reference: 'OperationDefinition/gpc.getcarerecord' } }],
      },
    ],
  };
}
