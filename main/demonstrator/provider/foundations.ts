import { isValidNhsNumber } from '../../../shared/nhs/nhs-number';
import type { PracticeRecord } from '../data/practices';
import type { PracticePatient } from '../data/practice-patients';
import { pdsRecordFor } from '../data/pds-patients';
import type { InteractionRoute } from '../interactions';
import { INTERACTION_PREFIX } from '../interactions';
import type { ErrorResponse } from '../operation-outcome';
import { gpcError } from '../operation-outcome';
import {
  NHS_NUMBER_SYSTEM,
  ODS_SYSTEM,
  SDS_USER_SYSTEM,
  foundationsCapability,
  locationResource,
  organizationResource,
  patientResource,
  practitionerResource,
  searchset,
} from './foundations-resources';

/**
 * The Foundations interactions (SPEC §4): metadata, find/read patient, practitioner, organisation, read location.
 * Requests reach here only after the headers and JWT were checked.
 */
export interface ProviderRequest {
  readonly practice: PracticeRecord;
  /** The practice's patients, this run's temporary registrations included. */
  readonly patients: readonly PracticePatient[];
  readonly interaction: InteractionRoute;
  /** The logical id from the path, for reads. */
  readonly id?: string;
  /** The raw query string (without `?`): the identifier rules look at parameter names exactly as sent. */
  readonly query: string;
  readonly softwareVersion: string;
}

export type ProviderResponse =
  | { readonly ok: true; readonly status: number; readonly body: Record<string, unknown>; readonly etag?: string }
  | { readonly ok: false; readonly error: ErrorResponse };

const ok = (body: Record<string, unknown>, versioned = false): ProviderResponse => {
  const meta = body['meta'] as { versionId?: string } | undefined;
  return versioned && meta?.versionId !== undefined
    ? { ok: true, status: 200, body, etag: `W/"${meta.versionId}"` }
    : { ok: true, status: 200, body };
};
const fail = (error: ErrorResponse): ProviderResponse => ({ ok: false, error });

/** Only an active, non-sensitive registration is visible through Foundations (SPEC §4). */
function visible(record: PracticePatient): boolean {
  return record.status === 'active';
}

/**
 * The `identifier` search parameter as the suite tests it: missing or mis-cased → 400 BAD_REQUEST; no `system|` →
 * 422 INVALID_PARAMETER; other system → 400 INVALID_IDENTIFIER_SYSTEM; empty value → 422 INVALID_PARAMETER.
 */
function identifierParam(
  query: string,
  system: string,
): { ok: true; value: string } | { ok: false; error: ErrorResponse } {
  const params = new URLSearchParams(query);
  const values = params.getAll('identifier');
  if (values.length === 0) {
    const misCased = [...params.keys()].find((k) => k.toLowerCase() === 'identifier');
    return {
      ok: false,
      error: gpcError(
        'BAD_REQUEST',
        misCased
          ? `search parameter "${misCased}" must be spelt "identifier"`
          : 'the identifier search parameter is missing',
      ),
    };
  }
  if (values.length > 1) return { ok: false, error: gpcError('BAD_REQUEST', 'identifier must be given once') };
  const raw = values[0] ?? '';
  const bar = raw.indexOf('|');
  if (bar < 0) {
    return { ok: false, error: gpcError('INVALID_PARAMETER', `identifier must be "${system}|<value>"`) };
  }
  const sentSystem = raw.slice(0, bar);
  const value = raw.slice(bar + 1);
  if (sentSystem !== system) {
    return {
      ok: false,
      error: gpcError(
        'INVALID_IDENTIFIER_SYSTEM',
        `identifier system must be ${system}, not "${sentSystem.slice(0, 100)}"`,
      ),
    };
  }
  if (value === '') return { ok: false, error: gpcError('INVALID_PARAMETER', 'identifier value is empty') };
  return { ok: true, value };
}

function findPatients(req: ProviderRequest): ProviderResponse {
  const param = identifierParam(req.query, NHS_NUMBER_SYSTEM);
  if (!param.ok) return fail(param.error);
  if (!isValidNhsNumber(param.value) || !/^[0-9]{10}$/.test(param.value)) {
    return fail(gpcError('INVALID_NHS_NUMBER', `"${param.value.slice(0, 20)}" is not a valid NHS number`));
  }
  const matches = req.patients.filter((r) => r.nhsNumber === param.value && visible(r));
  const resources = matches.flatMap((r) => {
    const pds = pdsRecordFor(r.nhsNumber);
    return pds ? [patientResource(r, pds, req.practice)] : [];
  });
  return ok(searchset(resources));
}

function readPatient(req: ProviderRequest): ProviderResponse {
  const record = req.patients.find((r) => r.logicalId === req.id);
  const pds = record ? pdsRecordFor(record.nhsNumber) : undefined;
  if (!record || !visible(record) || !pds) {
    return fail(
      gpcError('PATIENT_NOT_FOUND', `no active patient with id ${String(req.id)} at ${req.practice.odsCode}`),
    );
  }
  return ok(patientResource(record, pds, req.practice), true);
}

function findPractitioners(req: ProviderRequest): ProviderResponse {
  const param = identifierParam(req.query, SDS_USER_SYSTEM);
  if (!param.ok) return fail(param.error);
  const found = req.practice.practitioners.filter((p) => p.sdsUserId === param.value);
  return ok(searchset(found.map(practitionerResource)));
}

function readPractitioner(req: ProviderRequest): ProviderResponse {
  const found = req.practice.practitioners.find((p) => p.id === req.id);
  if (!found) return fail(gpcError('PRACTITIONER_NOT_FOUND', `no practitioner with id ${String(req.id)}`));
  return ok(practitionerResource(found), true);
}

function findOrganizations(req: ProviderRequest): ProviderResponse {
  const param = identifierParam(req.query, ODS_SYSTEM);
  if (!param.ok) return fail(param.error);
  const own = param.value === req.practice.odsCode ? [organizationResource(req.practice)] : [];
  return ok(searchset(own));
}

function readOrganization(req: ProviderRequest): ProviderResponse {
  if (req.id !== req.practice.organizationId) {
    return fail(gpcError('ORGANISATION_NOT_FOUND', `no organisation with id ${String(req.id)}`));
  }
  return ok(organizationResource(req.practice), true);
}

function readLocation(req: ProviderRequest): ProviderResponse {
  const found = req.practice.locations.find((l) => l.id === req.id);
  // SPEC §8.2 lists no location-specific code; NO_RECORD_FOUND is the generic 404.
  if (!found) return fail(gpcError('NO_RECORD_FOUND', `no location with id ${String(req.id)}`));
  return ok(locationResource(found, req.practice), true);
}

const HANDLERS: Readonly<Record<string, (req: ProviderRequest) => ProviderResponse>> = {
  [`${INTERACTION_PREFIX}fhir:rest:read:metadata-1`]: (req) =>
    ok(foundationsCapability(req.practice, req.softwareVersion)),
  [`${INTERACTION_PREFIX}fhir:rest:search:patient-1`]: findPatients,
  [`${INTERACTION_PREFIX}fhir:rest:read:patient-1`]: readPatient,
  [`${INTERACTION_PREFIX}fhir:rest:search:practitioner-1`]: findPractitioners,
  [`${INTERACTION_PREFIX}fhir:rest:read:practitioner-1`]: readPractitioner,
  [`${INTERACTION_PREFIX}fhir:rest:search:organization-1`]: findOrganizations,
  [`${INTERACTION_PREFIX}fhir:rest:read:organization-1`]: readOrganization,
  [`${INTERACTION_PREFIX}fhir:rest:read:location-1`]: readLocation,
};

export function handleFoundations(req: ProviderRequest): ProviderResponse {
  const handler = HANDLERS[req.interaction.id];
  if (!handler) {
    return fail(gpcError('NOT_IMPLEMENTED', `${req.interaction.name} is not implemented by this demonstrator yet`));
  }
  return handler(req);
}
