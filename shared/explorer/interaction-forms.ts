import type { InteractionName } from '../gpconnect/interactions';
import { INTERACTIONS } from '../gpconnect/interactions';

/**
 * The explorer's hand-made requests, one per GP Connect interaction, prefilled from SPEC §4 with values the offline
 * demonstrator answers (practice A20047, demo patient 943 476 5919, logical ids from its README). Pure data: the
 * renderer shows it as editable forms; main takes the verb from here, never from the caller.
 */
export interface InteractionForm {
  readonly name: InteractionName;
  readonly title: string;
  readonly method: 'GET' | 'POST' | 'PUT';
  /** The SPEC section that defines the request. */
  readonly spec: string;
  /** Only amend and cancel need one (`If-Match`). */
  readonly needsIfMatch: boolean;
}

export interface PrefilledRequest {
  readonly odsCode: string;
  /** Relative to the service root, query values percent-encoded. */
  readonly path: string;
  /** JSON text, for POST and PUT. */
  readonly body?: string;
}

export const DEMO_ODS_CODE = 'A20047';
export const DEMO_NHS_NUMBER = '9434765919';
const NHS_SYSTEM = 'https://fhir.nhs.uk/Id/nhs-number';

const FORM_LIST: readonly Omit<InteractionForm, 'title' | 'needsIfMatch'>[] = [
  { name: 'metadata', method: 'GET', spec: '§4' },
  { name: 'structuredMetadata', method: 'GET', spec: '§4' },
  { name: 'findPatient', method: 'GET', spec: '§4' },
  { name: 'readPatient', method: 'GET', spec: '§4' },
  { name: 'findPractitioner', method: 'GET', spec: '§4' },
  { name: 'readPractitioner', method: 'GET', spec: '§4' },
  { name: 'findOrganization', method: 'GET', spec: '§4' },
  { name: 'readOrganization', method: 'GET', spec: '§4' },
  { name: 'readLocation', method: 'GET', spec: '§4' },
  { name: 'registerPatient', method: 'POST', spec: '§4' },
  { name: 'searchSlots', method: 'GET', spec: '§5.1' },
  { name: 'bookAppointment', method: 'POST', spec: '§5.2' },
  { name: 'readAppointment', method: 'GET', spec: '§5.3' },
  { name: 'amendAppointment', method: 'PUT', spec: '§5.4' },
  { name: 'cancelAppointment', method: 'PUT', spec: '§5.5' },
  { name: 'patientAppointments', method: 'GET', spec: '§5.3' },
  { name: 'getStructuredRecord', method: 'POST', spec: '§6.1' },
  { name: 'getCareRecord', method: 'POST', spec: '§7.1' },
];

export const INTERACTION_FORMS: readonly InteractionForm[] = FORM_LIST.map((f) => ({
  ...f,
  title: INTERACTIONS[f.name].name,
  needsIfMatch: f.name === 'amendAppointment' || f.name === 'cancelAppointment',
}));

export function interactionForm(name: InteractionName): InteractionForm {
  const form = INTERACTION_FORMS.find((f) => f.name === name);
  if (!form) throw new Error(`no explorer form for ${name}`);
  return form;
}

function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function json(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

/** The request a form starts with; `today` is `YYYY-MM-DD` (slot and appointment windows start there). */
export function prefilledRequest(name: InteractionName, today: string): PrefilledRequest {
  const odsCode = DEMO_ODS_CODE;
  const nhs = DEMO_NHS_NUMBER;
  switch (name) {
    case 'metadata':
    case 'structuredMetadata':
      return { odsCode, path: 'metadata' };
    case 'findPatient':
      return { odsCode, path: `Patient?identifier=${encodeURIComponent(`${NHS_SYSTEM}|${nhs}`)}` };
    case 'readPatient':
      return { odsCode, path: 'Patient/1' };
    case 'findPractitioner':
      return {
        odsCode,
        path: `Practitioner?identifier=${encodeURIComponent('https://fhir.nhs.uk/Id/sds-user-id|100000000011')}`,
      };
    case 'readPractitioner':
      return { odsCode, path: 'Practitioner/1' };
    case 'findOrganization':
      return {
        odsCode,
        path: `Organization?identifier=${encodeURIComponent(`https://fhir.nhs.uk/Id/ods-organization-code|${odsCode}`)}`,
      };
    case 'readOrganization':
      return { odsCode, path: 'Organization/7' };
    case 'readLocation':
      return { odsCode, path: 'Location/11' };
    case 'registerPatient':
      return {
        odsCode: 'B82617',
        path: 'Patient/$gpc.registerpatient',
        body: json({
          resourceType: 'Parameters',
          parameter: [
            {
              name: 'registerPatient',
              resource: {
                resourceType: 'Patient',
                identifier: [{ system: NHS_SYSTEM, value: '9990002053' }],
                name: [{ use: 'official', family: 'FAMILY', given: ['GIVEN'] }],
                birthDate: '1970-01-01',
              },
            },
          ],
        }),
      };
    case 'searchSlots':
      return {
        odsCode,
        path: `Slot?start=ge${today}&end=le${addDays(today, 13)}&status=free&_include=Slot:schedule`,
      };
    case 'bookAppointment':
      return {
        odsCode,
        path: 'Appointment',
        body: json({
          resourceType: 'Appointment',
          status: 'booked',
          description: 'Replace the slot, start and end with a free slot from "Search free slots"',
          start: `${addDays(today, 1)}T09:00:00+00:00`,
          end: `${addDays(today, 1)}T09:10:00+00:00`,
          slot: [{ reference: 'Slot/REPLACE' }],
          participant: [
            { actor: { reference: 'Patient/1' }, status: 'accepted' },
            { actor: { reference: 'Location/11' }, status: 'accepted' },
          ],
        }),
      };
    case 'readAppointment':
      return { odsCode, path: 'Appointment/REPLACE' };
    case 'amendAppointment':
    case 'cancelAppointment':
      return {
        odsCode,
        path: 'Appointment/REPLACE',
        body: json({ resourceType: 'Appointment', id: 'REPLACE', note: 'Read the appointment first and edit it' }),
      };
    case 'patientAppointments':
      return { odsCode, path: `Patient/1/Appointment?start=ge${today}&start=le${addDays(today, 13)}` };
    case 'getStructuredRecord':
      return {
        odsCode,
        path: 'Patient/$gpc.getstructuredrecord',
        body: json({
          resourceType: 'Parameters',
          parameter: [
            { name: 'patientNHSNumber', valueIdentifier: { system: NHS_SYSTEM, value: nhs } },
            { name: 'includeAllergies', part: [{ name: 'includeResolvedAllergies', valueBoolean: false }] },
            { name: 'includeMedication' },
          ],
        }),
      };
    case 'getCareRecord':
      return {
        odsCode,
        path: 'Patient/$gpc.getcarerecord',
        body: json({
          resourceType: 'Parameters',
          parameter: [
            { name: 'patientNHSNumber', valueIdentifier: { system: 'http://fhir.nhs.net/Id/nhs-number', value: nhs } },
            {
              name: 'recordSection',
              valueCodeableConcept: {
                coding: [{ system: 'http://fhir.nhs.net/ValueSet/gpconnect-record-section-1', code: 'SUM' }],
              },
            },
          ],
        }),
      };
  }
}
