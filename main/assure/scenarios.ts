import type { InteractionName } from '../../shared/gpconnect/interactions';
import type { ChannelName } from '../../shared/ipc/channels';
import type { ErrorCode } from '../../shared/ipc/errors';
import type { ScenarioName } from '../demonstrator/scenarios';
import type { CheckName } from './checks';

/**
 * The consumer assurance scenarios (SPEC §11: technical conformance — SSP + Foundations always, then each pack we
 * use — plus the spine integration items PDS, SDS, JWT, TLS, headers, content types, errors and audit). One list,
 * data only, so it can grow: each scenario names the SPEC section it tests, the steps it takes through the handler
 * table (the channels the UI calls; hand-made requests through the explorer's `explorer.send`), what each step must
 * answer, and the checks run over the captured wire exchanges and audit records afterwards.
 *
 * Inputs may use `{today+N}` (a `YYYY-MM-DD` date N days from today).
 */
export type AssureArea = 'spine' | 'foundations' | 'html' | 'structured' | 'appointments';

export type StepExpectation =
  | { readonly ok: true }
  /** A typed error; `spine` is the GP Connect / Spine code inside a SPINE_ERROR. */
  | { readonly error: ErrorCode; readonly spine?: string };

export type AssureStep =
  | { readonly channel: ChannelName; readonly input: unknown; readonly expect: StepExpectation }
  | {
      /** A hand-made request through `explorer.send` (same client, JWT, headers and TLS as the app's own calls). */
      readonly send: InteractionName;
      readonly odsCode?: string;
      readonly path: string;
      readonly body?: unknown;
      /** HTTP status, and the resource type answered (success) or the error code (failure). */
      readonly expect: { readonly status: number; readonly resourceType?: string; readonly errorCode?: string };
    };

/** A screen to photograph after the steps: the patient traced through the UI, and the view that must show. */
export interface ScreenshotSpec {
  readonly nhsNumber: string;
  /** `record`: the HTML record frame; `banner`: the patient banner; `failure`: the record's error message. */
  readonly waitFor: 'record' | 'banner' | 'failure' | 'search-error';
}

export interface AssureScenario {
  readonly id: string;
  readonly area: AssureArea;
  readonly title: string;
  /** The SPEC sections it tests. */
  readonly spec: string;
  /** A demonstrator fault switched on for the scenario (needs the built-in demonstrator). */
  readonly fault?: { readonly name: ScenarioName; readonly odsCode?: string };
  readonly steps: readonly AssureStep[];
  readonly checks: readonly CheckName[];
  readonly screenshot?: ScreenshotSpec;
}

const RICH = '9658218873';
const DEMO = '9434765919';
const trace = (nhsNumber: string) =>
  ({ channel: 'patient.trace', input: { nhsNumber }, expect: { ok: true } }) as const satisfies AssureStep;
const NHS = 'https://fhir.nhs.uk/Id/nhs-number%7C';

const SCENARIO_LIST: readonly AssureScenario[] = [
  // ---- Spine integration: PDS, SDS, SSP, headers, JWT, TLS, content types, errors, audit ----
  {
    id: 'SPINE-PDS-01',
    area: 'spine',
    title: 'Trace the patient on PDS first: X-Request-ID UUID echoed, registered practice taken from PDS',
    spec: '§1.1 step 1, §10.1',
    steps: [trace(DEMO)],
    checks: ['pds-request-id', 'pds-before-gp-connect'],
    screenshot: { nhsNumber: DEMO, waitFor: 'banner' },
  },
  {
    id: 'SPINE-SDS-01',
    area: 'spine',
    title: 'SDS Endpoint and Device look-ups by ODS code and interaction ID give the service root and the ASID',
    spec: '§1.1 step 2, §10.2',
    steps: [{ channel: 'record.structured', input: { nhsNumber: RICH }, expect: { ok: true } }],
    checks: ['sds-lookup', 'pds-before-gp-connect'],
  },
  {
    id: 'SPINE-SSP-01',
    area: 'spine',
    title: 'SSP URL is the proxy base, then the service root exactly as SDS holds it, then the FHIR request',
    spec: '§1.1 step 3',
    steps: [
      { channel: 'record.structured', input: { nhsNumber: RICH }, expect: { ok: true } },
      { send: 'metadata', path: 'metadata', expect: { status: 200, resourceType: 'CapabilityStatement' } },
    ],
    checks: ['ssp-url'],
  },
  {
    id: 'SPINE-HDR-01',
    area: 'spine',
    title:
      'Spine headers: a new GUID Ssp-TraceID per request, Ssp-From our ASID, Ssp-To from SDS, exact interaction ID',
    spec: '§2',
    steps: [
      { channel: 'record.structured', input: { nhsNumber: RICH }, expect: { ok: true } },
      {
        send: 'findPatient',
        path: `Patient?identifier=${NHS}${DEMO}`,
        expect: { status: 200, resourceType: 'Bundle' },
      },
      { send: 'readOrganization', path: 'Organization/7', expect: { status: 200, resourceType: 'Organization' } },
    ],
    checks: ['ssp-headers'],
  },
  {
    id: 'SPINE-JWT-01',
    area: 'spine',
    title: 'STU3 JWT: unsigned, exp = iat + 300, aud = service root, scope per interaction, minimal resources',
    spec: '§3.1, §3.2, §3.3',
    steps: [
      { channel: 'record.structured', input: { nhsNumber: RICH }, expect: { ok: true } },
      {
        send: 'searchSlots',
        path: 'Slot?start=ge{today+1}&end=le{today+8}&status=free&_include=Slot:schedule',
        expect: { status: 200, resourceType: 'Bundle' },
      },
      { send: 'readPatient', path: 'Patient/1', expect: { status: 200, resourceType: 'Patient' } },
    ],
    checks: ['jwt-claims'],
  },
  {
    id: 'SPINE-JWT-02',
    area: 'spine',
    title: '0.7.x JWT for the HTML record: fixed aud, requested_record names the same patient as the body',
    spec: '§3.5',
    steps: [trace(RICH), { channel: 'record.html', input: { nhsNumber: RICH, section: 'SUM' }, expect: { ok: true } }],
    checks: ['jwt-claims'],
  },
  {
    id: 'SPINE-TLS-01',
    area: 'spine',
    title: 'Mutual TLS 1.2+ with a GP Connect cipher; a client without a certificate is refused in the handshake',
    spec: '§1.2',
    steps: [trace(DEMO)],
    checks: ['tls-mutual'],
  },
  {
    id: 'SPINE-TLS-02',
    area: 'spine',
    title: 'A server certificate from another CA is refused (TLS_FAILED), nothing is sent',
    spec: '§1.2',
    fault: { name: 'wrong-ca' },
    steps: [
      { channel: 'patient.trace', input: { nhsNumber: DEMO }, expect: { error: 'SPINE_ERROR', spine: 'TLS_FAILED' } },
    ],
    checks: ['no-answer-received'],
  },
  {
    id: 'SPINE-TLS-03',
    area: 'spine',
    title: 'An expired server certificate is refused (TLS_FAILED)',
    spec: '§1.2',
    fault: { name: 'expired-certificate' },
    steps: [
      { channel: 'patient.trace', input: { nhsNumber: DEMO }, expect: { error: 'SPINE_ERROR', spine: 'TLS_FAILED' } },
    ],
    checks: ['no-answer-received'],
  },
  {
    id: 'SPINE-CT-01',
    area: 'spine',
    title:
      'Content types: Accept application/fhir+json, POST bodies application/fhir+json;charset=utf-8, DSTU2 application/json+fhir',
    spec: '§2, §7.1',
    steps: [
      trace(RICH),
      { channel: 'record.structured', input: { nhsNumber: RICH }, expect: { ok: true } },
      { channel: 'record.html', input: { nhsNumber: RICH, section: 'ALL' }, expect: { ok: true } },
    ],
    checks: ['content-types'],
  },
  {
    id: 'SPINE-ERR-01',
    area: 'spine',
    title: 'Patient dissent: 403 NO_PATIENT_CONSENT becomes a typed error and the failure is audited in full',
    spec: '§8.1, §8.2',
    steps: [
      {
        channel: 'record.structured',
        input: { nhsNumber: '9450056234' },
        expect: { error: 'SPINE_ERROR', spine: 'NO_PATIENT_CONSENT' },
      },
    ],
    checks: ['audit-interactions'],
  },
  {
    id: 'SPINE-ERR-02',
    area: 'spine',
    title: 'GP Connect switched off at the practice: 403 ACCESS DENIED (with a space)',
    spec: '§8.2, §1.3',
    fault: { name: 'gp-connect-disabled', odsCode: 'A20047' },
    steps: [
      {
        channel: 'record.structured',
        input: { nhsNumber: RICH },
        expect: { error: 'SPINE_ERROR', spine: 'ACCESS DENIED' },
      },
    ],
    checks: ['audit-interactions'],
  },
  {
    id: 'SPINE-ERR-03',
    area: 'spine',
    title: 'Practice system error: 500 INTERNAL_SERVER_ERROR is reported, not retried',
    spec: '§8.2',
    fault: { name: 'http-500', odsCode: 'A20047' },
    steps: [
      {
        channel: 'record.structured',
        input: { nhsNumber: RICH },
        expect: { error: 'SPINE_ERROR', spine: 'INTERNAL_SERVER_ERROR' },
      },
    ],
    checks: ['structured-sent-once'],
  },
  {
    id: 'SPINE-ERR-04',
    area: 'spine',
    title: 'SSP 502: a read is retried once, with a new Ssp-TraceID, then reported',
    spec: '§8.4',
    fault: { name: 'http-502', odsCode: 'A20047' },
    steps: [{ channel: 'record.structured', input: { nhsNumber: RICH }, expect: { error: 'SPINE_ERROR' } }],
    checks: ['structured-retried-once'],
  },
  {
    id: 'SPINE-ERR-05',
    area: 'spine',
    title: 'Patient not on PDS: PATIENT_NOT_FOUND, and no GP Connect call',
    spec: '§10.1',
    steps: [{ channel: 'patient.trace', input: { nhsNumber: '9999999999' }, expect: { error: 'PATIENT_NOT_FOUND' } }],
    checks: ['no-gp-connect-call'],
    screenshot: { nhsNumber: '9999999999', waitFor: 'search-error' },
  },
  {
    id: 'SPINE-ERR-06',
    area: 'spine',
    title: 'Restricted (S-flag) patient: GP Connect is never called',
    spec: '§1.1 step 1',
    steps: [
      trace('9658220142'),
      {
        channel: 'record.html',
        input: { nhsNumber: '9658220142', section: 'SUM' },
        expect: { error: 'PATIENT_RESTRICTED' },
      },
      { channel: 'record.structured', input: { nhsNumber: '9658220142' }, expect: { error: 'PATIENT_RESTRICTED' } },
    ],
    checks: ['no-gp-connect-call'],
    screenshot: { nhsNumber: '9658220142', waitFor: 'banner' },
  },
  {
    id: 'SPINE-AUD-01',
    area: 'spine',
    title:
      'Audit: every interaction recorded with Ssp-TraceID, Ssp-From, Ssp-To, JWT who/what/when; the chain verifies',
    spec: '§1.2, §3 (audit and provenance)',
    steps: [
      trace(RICH),
      { channel: 'record.html', input: { nhsNumber: RICH, section: 'MED' }, expect: { ok: true } },
      { channel: 'record.structured', input: { nhsNumber: RICH }, expect: { ok: true } },
    ],
    checks: ['audit-interactions', 'audit-actions', 'audit-chain'],
  },
  // ---- Foundations ----
  {
    id: 'FND-01',
    area: 'foundations',
    title: 'Read metadata: 200 CapabilityStatement',
    spec: '§4',
    steps: [{ send: 'metadata', path: 'metadata', expect: { status: 200, resourceType: 'CapabilityStatement' } }],
    checks: ['ssp-headers', 'jwt-claims'],
  },
  {
    id: 'FND-02',
    area: 'foundations',
    title: 'Find a patient by NHS number: searchset Bundle',
    spec: '§4',
    steps: [
      {
        send: 'findPatient',
        path: `Patient?identifier=${NHS}${DEMO}`,
        expect: { status: 200, resourceType: 'Bundle' },
      },
    ],
    checks: ['ssp-headers', 'jwt-claims'],
  },
  {
    id: 'FND-03',
    area: 'foundations',
    title: 'Read a patient by logical id',
    spec: '§4',
    steps: [{ send: 'readPatient', path: 'Patient/1', expect: { status: 200, resourceType: 'Patient' } }],
    checks: ['jwt-claims'],
  },
  {
    id: 'FND-04',
    area: 'foundations',
    title: 'Find and read a practitioner',
    spec: '§4',
    steps: [
      {
        send: 'findPractitioner',
        path: 'Practitioner?identifier=https://fhir.nhs.uk/Id/sds-user-id%7C100000000011',
        expect: { status: 200, resourceType: 'Bundle' },
      },
      { send: 'readPractitioner', path: 'Practitioner/1', expect: { status: 200, resourceType: 'Practitioner' } },
    ],
    checks: ['jwt-claims'],
  },
  {
    id: 'FND-05',
    area: 'foundations',
    title: 'Find and read an organisation; read a location',
    spec: '§4',
    steps: [
      {
        send: 'findOrganization',
        path: 'Organization?identifier=https://fhir.nhs.uk/Id/ods-organization-code%7CA20047',
        expect: { status: 200, resourceType: 'Bundle' },
      },
      { send: 'readOrganization', path: 'Organization/7', expect: { status: 200, resourceType: 'Organization' } },
      { send: 'readLocation', path: 'Location/11', expect: { status: 200, resourceType: 'Location' } },
    ],
    checks: ['jwt-claims'],
  },
  {
    id: 'FND-06',
    area: 'foundations',
    title: 'Find a patient who is sensitive at the practice: an empty searchset, not an error',
    spec: '§4 (Foundations notes)',
    steps: [
      {
        send: 'findPatient',
        path: `Patient?identifier=${NHS}9658220150`,
        expect: { status: 200, resourceType: 'Bundle' },
      },
    ],
    checks: ['empty-searchset'],
  },
  {
    id: 'FND-07',
    area: 'foundations',
    title: 'An identifier without its system: 422 INVALID_PARAMETER reported with its code',
    spec: '§4 (Foundations notes), §8.2',
    steps: [
      {
        send: 'findPatient',
        path: `Patient?identifier=${DEMO}`,
        expect: { status: 422, errorCode: 'INVALID_PARAMETER' },
      },
    ],
    checks: ['audit-interactions'],
  },
  // ---- Access Record HTML ----
  {
    id: 'HTML-01',
    area: 'html',
    title: 'Summary section shown under the patient banner, sanitised, in its own frame',
    spec: '§7.1, §7.2, §7.4',
    steps: [trace(RICH), { channel: 'record.html', input: { nhsNumber: RICH, section: 'SUM' }, expect: { ok: true } }],
    checks: ['content-types', 'jwt-claims'],
    screenshot: { nhsNumber: RICH, waitFor: 'record' },
  },
  {
    id: 'HTML-02',
    area: 'html',
    title: 'Every section in spec order can be retrieved; date filter only where the section takes one',
    spec: '§7.1',
    steps: [
      trace(RICH),
      ...(['ADM', 'ALL', 'CLI', 'ENC', 'IMM', 'MED', 'OBS', 'PRB', 'REF'] as const).map(
        (section) => ({ channel: 'record.html', input: { nhsNumber: RICH, section }, expect: { ok: true } }) as const,
      ),
      {
        channel: 'record.html',
        input: { nhsNumber: RICH, section: 'ENC', from: '2015-01-01', to: '2020-12-31' },
        expect: { ok: true },
      },
    ],
    checks: ['jwt-claims'],
  },
  {
    id: 'HTML-03',
    area: 'html',
    title: 'GP transfer banner shown (record in transit)',
    spec: '§7.3',
    steps: [
      trace('9658219691'),
      { channel: 'record.html', input: { nhsNumber: '9658219691', section: 'SUM' }, expect: { ok: true } },
    ],
    checks: ['jwt-claims'],
    screenshot: { nhsNumber: '9658219691', waitFor: 'record' },
  },
  {
    id: 'HTML-04',
    area: 'html',
    title: 'Dissent: NO_PATIENT_CONSENT shown in words a clinician can act on',
    spec: '§7.1, §8.3',
    steps: [
      trace('9450056234'),
      {
        channel: 'record.html',
        input: { nhsNumber: '9450056234', section: 'SUM' },
        expect: { error: 'SPINE_ERROR', spine: 'NO_PATIENT_CONSENT' },
      },
    ],
    checks: ['audit-interactions'],
    screenshot: { nhsNumber: '9450056234', waitFor: 'failure' },
  },
  {
    id: 'HTML-05',
    area: 'html',
    title: 'No record without a PDS trace in this session (0.7.x: trace at most 24 h old)',
    spec: '§1.1 step 1 (0.7.x)',
    steps: [
      { channel: 'record.html', input: { nhsNumber: RICH, section: 'SUM' }, expect: { error: 'TRACE_REQUIRED' } },
    ],
    checks: ['no-gp-connect-call'],
  },
  // ---- Access Record Structured ----
  {
    id: 'STR-01',
    area: 'structured',
    title: 'Full structured record: a collection Bundle whose id is the Ssp-TraceID',
    spec: '§6.1, §6.2, §2',
    steps: [{ channel: 'record.structured', input: { nhsNumber: RICH }, expect: { ok: true } }],
    checks: ['bundle-id-is-trace-id', 'content-types'],
  },
  {
    id: 'STR-02',
    area: 'structured',
    title: 'Confidential items excluded: the record comes with its List warnings',
    spec: '§6.5',
    steps: [{ channel: 'record.structured', input: { nhsNumber: '9658219705' }, expect: { ok: true } }],
    checks: ['bundle-id-is-trace-id'],
  },
  {
    id: 'STR-03',
    area: 'structured',
    title: 'Structured switched off at the practice: 403 ACCESS DENIED',
    spec: '§1.3, §8.2',
    steps: [
      {
        channel: 'record.structured',
        input: { nhsNumber: '9990002061' },
        expect: { error: 'SPINE_ERROR', spine: 'ACCESS DENIED' },
      },
    ],
    checks: ['audit-interactions'],
  },
  {
    id: 'STR-04',
    area: 'structured',
    title: 'Older provider (1.5.0): areas it does not know come back as NOT_IMPLEMENTED warnings, not errors',
    spec: '§1.3, §6.1',
    steps: [{ channel: 'record.structured', input: { nhsNumber: '9990000018' }, expect: { ok: true } }],
    checks: ['bundle-id-is-trace-id'],
  },
  {
    id: 'STR-05',
    area: 'structured',
    title: 'Structured metadata from the structured service root',
    spec: '§4, §1.1 step 2 (own root per capability)',
    steps: [
      { send: 'structuredMetadata', path: 'metadata', expect: { status: 200, resourceType: 'CapabilityStatement' } },
    ],
    checks: ['ssp-url', 'jwt-claims'],
  },
  // ---- Appointment Management ----
  {
    id: 'APT-01',
    area: 'appointments',
    title: 'Search free slots in a window of up to 14 days',
    spec: '§5.1',
    steps: [
      {
        channel: 'slots.search',
        input: { odsCode: 'A20047', start: '{today+1}', end: '{today+8}' },
        expect: { ok: true },
      },
    ],
    checks: ['jwt-claims', 'ssp-headers'],
  },
  {
    id: 'APT-02',
    area: 'appointments',
    title: 'A window over 14 days is refused before anything is sent',
    spec: '§5.1',
    steps: [
      {
        channel: 'slots.search',
        input: { odsCode: 'A20047', start: '{today+1}', end: '{today+20}' },
        expect: { error: 'INVALID_INPUT' },
      },
    ],
    checks: ['no-gp-connect-call'],
  },
  {
    id: 'APT-03',
    area: 'appointments',
    title: "The provider's own rule: a 15-day window sent by hand is 422 INVALID_PARAMETER",
    spec: '§5.1, §8.2',
    steps: [
      {
        send: 'searchSlots',
        path: 'Slot?start=ge{today+1}&end=le{today+16}&status=free&_include=Slot:schedule',
        expect: { status: 422, errorCode: 'INVALID_PARAMETER' },
      },
    ],
    checks: ['audit-interactions'],
  },
  {
    id: 'APT-04',
    area: 'appointments',
    title: "Retrieve the patient's appointments (future only)",
    spec: '§5.3',
    steps: [
      {
        send: 'patientAppointments',
        path: 'Patient/1/Appointment?start=ge{today}&start=le{today+13}',
        expect: { status: 200, resourceType: 'Bundle' },
      },
    ],
    checks: ['jwt-claims'],
  },
];

/**
 * The record gate (SPEC §1.1 step 1: PDS before GP Connect) as the screen meets it: a structured record request is
 * preceded by a PDS trace of that patient, unless the scenario traced them already.
 */
function withTraceFirst(scenario: AssureScenario): AssureScenario {
  const traced = new Set<string>();
  const steps: AssureStep[] = [];
  for (const step of scenario.steps) {
    if ('channel' in step) {
      const nhsNumber = (step.input as { nhsNumber?: unknown } | null)?.nhsNumber;
      if (step.channel === 'patient.trace' && typeof nhsNumber === 'string') traced.add(nhsNumber);
      if (step.channel === 'record.structured' && typeof nhsNumber === 'string' && !traced.has(nhsNumber)) {
        steps.push(trace(nhsNumber));
        traced.add(nhsNumber);
      }
    }
    steps.push(step);
  }
  return { ...scenario, steps };
}

export const SCENARIOS: readonly AssureScenario[] = SCENARIO_LIST.map(withTraceFirst);
