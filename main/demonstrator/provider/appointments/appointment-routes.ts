import type { InteractionRoute } from '../../interactions';
import { INTERACTION_PREFIX } from '../../interactions';
import { readRequestBody } from '../../validation/content-negotiation';
import type { Checked } from '../../validation/result';
import type { ProviderState } from '../provider-state';
import type { AppointmentResult } from './appointment-interactions';
import { bookAppointment, patientAppointments, readAppointment, updateAppointment } from './appointment-interactions';
import { registerPatient } from './register-patient';
import { searchFreeSlots } from './slot-search';

/** Routes the Appointment Management interactions and register patient to their handlers (bodies parsed here). */
export interface AppointmentCall {
  readonly state: ProviderState;
  readonly odsCode: string;
  readonly interaction: InteractionRoute;
  readonly id?: string;
  readonly query: string;
  readonly body: Buffer;
  readonly contentType: string | undefined;
  readonly ifMatch: string | undefined;
  readonly now: Date;
  readonly serviceRoot: string;
}

export function handleAppointments(call: AppointmentCall): Checked<AppointmentResult> | undefined {
  const book = call.state.book(call.odsCode);
  const ctx = { state: call.state, book, now: call.now, serviceRoot: call.serviceRoot };
  const withBody = (handler: (body: unknown) => Checked<AppointmentResult>): Checked<AppointmentResult> => {
    // JSON or STU3 XML: the handlers see the same JSON resource either way.
    const body = readRequestBody(call.contentType, call.body, 'stu3');
    return body.ok ? handler(body.value) : body;
  };
  switch (call.interaction.id.slice(INTERACTION_PREFIX.length)) {
    case 'fhir:rest:search:slot-1': {
      const found = searchFreeSlots(book, call.query);
      return found.ok ? { ok: true, value: { status: 200, body: found.value } } : found;
    }
    case 'fhir:rest:create:appointment-1':
      return withBody((body) => bookAppointment(ctx, body));
    case 'fhir:rest:read:appointment-1':
      return readAppointment(ctx, call.id);
    case 'fhir:rest:search:patient_appointments-1':
      return patientAppointments(ctx, call.id, call.query);
    case 'fhir:rest:update:appointment-1':
      return withBody((body) => updateAppointment(ctx, call.id, body, call.ifMatch, 'amend'));
    case 'fhir:rest:cancel:appointment-1':
      return withBody((body) => updateAppointment(ctx, call.id, body, call.ifMatch, 'cancel'));
    case 'fhir:operation:gpc.registerpatient-1':
      return withBody((body) => {
        const registered = registerPatient(call.state, book, body, call.now);
        return registered.ok ? { ok: true, value: { status: 200, body: registered.value } } : registered;
      });
    default:
      return undefined;
  }
}
