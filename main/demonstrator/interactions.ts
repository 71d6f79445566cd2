/**
 * The GP Connect interaction catalogue as the demonstrator routes it (SPEC §4): which verb and path each interaction
 * ID names, on which service root, and the JWT `requested_scope` it needs (SPEC §3.3). The InteractionID check and
 * the scope check both read this one table, so they cannot disagree.
 */
export const INTERACTION_PREFIX = 'urn:nhs:names:services:gpconnect:';

export type Scope = 'patient/*.read' | 'patient/*.write' | 'organization/*.read';
/** Foundations + Appointments (STU3), Structured (STU3), Access Record HTML (0.7.x, DSTU2): one service root each. */
export type RootKind = 'foundations' | 'structured' | 'html';
export type HttpVerb = 'GET' | 'POST' | 'PUT';

export interface InteractionRoute {
  readonly id: string;
  readonly name: string;
  readonly root: RootKind;
  readonly verb: HttpVerb;
  /** Path after the service root, `{id}` for one logical id segment. */
  readonly path: string;
  readonly search: boolean;
  readonly scope: Scope;
}

const route = (
  suffix: string,
  name: string,
  root: RootKind,
  verb: HttpVerb,
  path: string,
  scope: Scope,
  search = false,
): InteractionRoute => ({ id: `${INTERACTION_PREFIX}${suffix}`, name, root, verb, path, search, scope });

export const INTERACTIONS: readonly InteractionRoute[] = [
  route('fhir:rest:read:metadata-1', 'Metadata', 'foundations', 'GET', '/metadata', 'organization/*.read'),
  route('fhir:rest:search:patient-1', 'Find a patient', 'foundations', 'GET', '/Patient', 'patient/*.read', true),
  route('fhir:rest:read:patient-1', 'Read a patient', 'foundations', 'GET', '/Patient/{id}', 'patient/*.read'),
  route(
    'fhir:rest:search:practitioner-1',
    'Find a practitioner',
    'foundations',
    'GET',
    '/Practitioner',
    'organization/*.read',
    true,
  ),
  route(
    'fhir:rest:read:practitioner-1',
    'Read a practitioner',
    'foundations',
    'GET',
    '/Practitioner/{id}',
    'organization/*.read',
  ),
  route(
    'fhir:rest:search:organization-1',
    'Find an organisation',
    'foundations',
    'GET',
    '/Organization',
    'organization/*.read',
    true,
  ),
  route(
    'fhir:rest:read:organization-1',
    'Read an organisation',
    'foundations',
    'GET',
    '/Organization/{id}',
    'organization/*.read',
  ),
  route('fhir:rest:read:location-1', 'Read a location', 'foundations', 'GET', '/Location/{id}', 'organization/*.read'),
  route(
    'fhir:operation:gpc.registerpatient-1',
    'Register a patient',
    'foundations',
    'POST',
    '/Patient/$gpc.registerpatient',
    'patient/*.write',
  ),
  route('fhir:rest:search:slot-1', 'Search free slots', 'foundations', 'GET', '/Slot', 'organization/*.read', true),
  route(
    'fhir:rest:create:appointment-1',
    'Book an appointment',
    'foundations',
    'POST',
    '/Appointment',
    'patient/*.write',
  ),
  route(
    'fhir:rest:read:appointment-1',
    'Read an appointment',
    'foundations',
    'GET',
    '/Appointment/{id}',
    'patient/*.read',
  ),
  // Amend and cancel share verb and path; only the interaction ID (and the body) tells them apart.
  route(
    'fhir:rest:update:appointment-1',
    'Amend an appointment',
    'foundations',
    'PUT',
    '/Appointment/{id}',
    'patient/*.write',
  ),
  route(
    'fhir:rest:cancel:appointment-1',
    'Cancel an appointment',
    'foundations',
    'PUT',
    '/Appointment/{id}',
    'patient/*.write',
  ),
  route(
    'fhir:rest:search:patient_appointments-1',
    "Patient's appointments",
    'foundations',
    'GET',
    '/Patient/{id}/Appointment',
    'patient/*.read',
  ),
  route(
    'structured:fhir:rest:read:metadata-1',
    'Metadata (Structured)',
    'structured',
    'GET',
    '/metadata',
    'organization/*.read',
  ),
  route(
    'fhir:operation:gpc.getstructuredrecord-1',
    'Get structured record',
    'structured',
    'POST',
    '/Patient/$gpc.getstructuredrecord',
    'patient/*.read',
  ),
  // Access Record HTML 0.7.x: DSTU2, no "-1" suffix (SPEC §4).
  route('fhir:rest:read:metadata', 'Metadata (HTML 0.7.x)', 'html', 'GET', '/metadata', 'organization/*.read'),
  route(
    'fhir:operation:gpc.getcarerecord',
    'Get care record (HTML)',
    'html',
    'POST',
    '/Patient/$gpc.getcarerecord',
    'patient/*.read',
  ),
];

export const INTERACTION_IDS: readonly string[] = INTERACTIONS.map((i) => i.id);

export function interactionById(id: string): InteractionRoute | undefined {
  return INTERACTIONS.find((i) => i.id === id);
}

function pathMatches(pattern: string, path: string): { id?: string } | null {
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return null;
  let id: string | undefined;
  for (let i = 0; i < want.length; i += 1) {
    const w = want[i] ?? '';
    const g = got[i] ?? '';
    if (w === '{id}') {
      // Logical ids are FHIR ids: [A-Za-z0-9-.]{1,64}. An operation name is never an id.
      if (!/^[A-Za-z0-9.-]{1,64}$/.test(g)) return null;
      id = g;
    } else if (w !== g) return null;
  }
  return id === undefined ? {} : { id };
}

/** The interactions that verb + path on a root of this kind can be (two for amend/cancel, else zero or one). */
export function interactionsFor(
  root: RootKind,
  verb: string,
  path: string,
): { readonly route: InteractionRoute; readonly id?: string }[] {
  const found: { route: InteractionRoute; id?: string }[] = [];
  for (const candidate of INTERACTIONS) {
    if (candidate.root !== root || candidate.verb !== verb) continue;
    const match = pathMatches(candidate.path, path);
    if (!match) continue;
    found.push(match.id === undefined ? { route: candidate } : { route: candidate, id: match.id });
  }
  return found;
}
