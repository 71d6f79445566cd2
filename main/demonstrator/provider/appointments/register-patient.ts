import { isValidNhsNumber } from '../../../../shared/nhs/nhs-number';
import { pdsRecordFor } from '../../data/pds-patients';
import { gpcError } from '../../operation-outcome';
import type { GpcErrorCode } from '../../operation-outcome';
import type { Checked } from '../../validation/result';
import { pass, reject } from '../../validation/result';
import { ukDate } from '../../uk-time';
import { NHS_NUMBER_SYSTEM, patientResource, searchset } from '../foundations-resources';
import type { AppointmentBook } from './appointment-book';
import type { ProviderState } from '../provider-state';

/**
 * `POST Patient/$gpc.registerpatient` (SPEC §4, §5): a temporary registration for a patient PDS knows, so that a
 * consumer can book for someone not registered at the practice. The Patient may carry only what the operation
 * allows; demographics must agree with PDS; an active registration already there is 409 DUPLICATE_REJECTED.
 */
type Json = Record<string, unknown>;
const fail = (code: GpcErrorCode, message: string) => reject(gpcError(code, message));
const ALLOWED = new Set([
  'resourceType',
  'meta',
  'identifier',
  'name',
  'birthDate',
  'gender',
  'address',
  'telecom',
  'extension',
]);

export function registerPatient(state: ProviderState, book: AppointmentBook, body: unknown, now: Date): Checked<Json> {
  const params = body as Json | null;
  if (params === null || typeof params !== 'object' || params['resourceType'] !== 'Parameters') {
    return fail('INVALID_RESOURCE', 'the body must be a Parameters resource');
  }
  const parameters = Array.isArray(params['parameter']) ? (params['parameter'] as Json[]) : [];
  const register = parameters.filter((p) => p['name'] === 'registerPatient');
  if (register.length !== 1) return fail('INVALID_PARAMETER', 'exactly one registerPatient parameter is required');
  const other = parameters.find((p) => p['name'] !== 'registerPatient');
  if (other) return fail('INVALID_PARAMETER', `unknown parameter ${String(other['name']).slice(0, 60)}`);
  const patient = register[0]?.['resource'] as Json | undefined;
  if (!patient || patient['resourceType'] !== 'Patient')
    return fail('INVALID_RESOURCE', 'registerPatient must be a Patient');
  const extra = Object.keys(patient).find((k) => !ALLOWED.has(k));
  if (extra) return fail('INVALID_RESOURCE', `Patient.${extra} may not be sent to register a patient`);

  const ids = Array.isArray(patient['identifier'])
    ? (patient['identifier'] as { system?: unknown; value?: unknown }[])
    : [];
  const nhs = ids.find((i) => i.system === NHS_NUMBER_SYSTEM);
  if (!nhs) {
    return ids.length > 0
      ? fail('INVALID_IDENTIFIER_SYSTEM', `the NHS number identifier must use ${NHS_NUMBER_SYSTEM}`)
      : fail('INVALID_RESOURCE', 'the Patient needs an NHS number');
  }
  const nhsNumber = typeof nhs.value === 'string' ? nhs.value : '';
  if (!/^\d{10}$/.test(nhsNumber) || !isValidNhsNumber(nhsNumber)) {
    return fail('INVALID_NHS_NUMBER', `"${nhsNumber.slice(0, 20)}" is not a valid NHS number`);
  }
  const names = Array.isArray(patient['name']) ? (patient['name'] as { use?: unknown; family?: unknown }[]) : [];
  const official = names.filter((n) => n.use === 'official');
  if (official.length !== 1 || typeof official[0]?.family !== 'string') {
    return fail('INVALID_RESOURCE', 'the Patient needs exactly one official name with a family name');
  }
  if (typeof patient['birthDate'] !== 'string') return fail('INVALID_RESOURCE', 'the Patient needs a birthDate');

  const pds = pdsRecordFor(nhsNumber);
  const restricted = JSON.stringify(pds?.['meta'] ?? {}).includes('"code":"R"');
  const pdsName = (pds?.['name'] as { family?: string }[] | undefined)?.[0]?.family;
  if (!pds || pds['id'] !== nhsNumber || restricted || pds['deceasedDateTime'] !== undefined) {
    return fail(
      'INVALID_PATIENT_DEMOGRAPHICS',
      'PDS cannot verify this patient (unknown, superseded, restricted or deceased)',
    );
  }
  if (
    pdsName?.toLowerCase() !== String(official[0]?.family).toLowerCase() ||
    pds['birthDate'] !== patient['birthDate']
  ) {
    return fail('INVALID_PATIENT_DEMOGRAPHICS', 'family name and birth date must match PDS');
  }
  const practice = book.practice;
  if (state.patientsAt(practice.odsCode).some((r) => r.nhsNumber === nhsNumber && r.status === 'active')) {
    return fail('DUPLICATE_REJECTED', `the patient is already registered at ${practice.odsCode}`);
  }
  const record = state.register({
    nhsNumber,
    practice: practice.odsCode,
    status: 'active',
    dissent: false,
    recordCase: 'ordinary',
    usualGpId: practice.practitioners[0]?.id ?? '',
    preferredLocationId: practice.locations[0]?.id ?? '',
    registeredSince: ukDate(now),
    temporary: true,
  });
  return pass(searchset([patientResource(record, pds, practice)]));
}
