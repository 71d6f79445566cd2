import type { Scope } from './jwt-claims';

/**
 * The GP Connect interactions the consumer calls (SPEC §4): the exact interaction ID, the JWT scope (SPEC §3.3),
 * which service root SDS gives for it, and whether it only reads (reads may be retried once on a transport failure;
 * writes never are).
 */
export const INTERACTION_PREFIX = 'urn:nhs:names:services:gpconnect:';

export interface Interaction {
  readonly id: string;
  readonly name: string;
  readonly scope: Scope;
  readonly root: 'foundations' | 'structured' | 'html';
  readonly read: boolean;
}

function interaction(
  suffix: string,
  name: string,
  scope: Scope,
  root: Interaction['root'] = 'foundations',
): Interaction {
  return { id: `${INTERACTION_PREFIX}${suffix}`, name, scope, root, read: !scope.endsWith('.write') };
}

export const INTERACTIONS = {
  metadata: interaction('fhir:rest:read:metadata-1', 'Read metadata', 'organization/*.read'),
  structuredMetadata: interaction(
    'structured:fhir:rest:read:metadata-1',
    'Read structured metadata',
    'organization/*.read',
    'structured',
  ),
  findPatient: interaction('fhir:rest:search:patient-1', 'Find a patient', 'patient/*.read'),
  readPatient: interaction('fhir:rest:read:patient-1', 'Read a patient', 'patient/*.read'),
  findPractitioner: interaction('fhir:rest:search:practitioner-1', 'Find a practitioner', 'organization/*.read'),
  readPractitioner: interaction('fhir:rest:read:practitioner-1', 'Read a practitioner', 'organization/*.read'),
  findOrganization: interaction('fhir:rest:search:organization-1', 'Find an organisation', 'organization/*.read'),
  readOrganization: interaction('fhir:rest:read:organization-1', 'Read an organisation', 'organization/*.read'),
  readLocation: interaction('fhir:rest:read:location-1', 'Read a location', 'organization/*.read'),
  registerPatient: interaction('fhir:operation:gpc.registerpatient-1', 'Register a patient', 'patient/*.write'),
  searchSlots: interaction('fhir:rest:search:slot-1', 'Search free slots', 'organization/*.read'),
  bookAppointment: interaction('fhir:rest:create:appointment-1', 'Book an appointment', 'patient/*.write'),
  readAppointment: interaction('fhir:rest:read:appointment-1', 'Read an appointment', 'patient/*.read'),
  amendAppointment: interaction('fhir:rest:update:appointment-1', 'Amend an appointment', 'patient/*.write'),
  cancelAppointment: interaction('fhir:rest:cancel:appointment-1', 'Cancel an appointment', 'patient/*.write'),
  patientAppointments: interaction(
    'fhir:rest:search:patient_appointments-1',
    "Patient's appointments",
    'patient/*.read',
  ),
  getStructuredRecord: interaction(
    'fhir:operation:gpc.getstructuredrecord-1',
    'Get the structured record',
    'patient/*.read',
    'structured',
  ),
  getCareRecord: interaction(
    'fhir:operation:gpc.getcarerecord',
    'Get the care record (HTML)',
    'patient/*.read',
    'html',
  ),
} as const satisfies Record<string, Interaction>;

export type InteractionName = keyof typeof INTERACTIONS;
