import { INTERACTIONS } from '../../shared/gpconnect/interactions';
import type { GpConnectClient } from '../spine/gp-connect-client';
import { expectResource } from './fhir-response';

/**
 * Appointment Management 1.2.x (SPEC §5) and register patient: typed calls. Bodies are built and checked by the
 * appointment services (length limits, adjacency rules); here they only travel. Amend and cancel carry `If-Match`
 * with the version read, so a change made elsewhere is refused (409) instead of overwritten.
 */
export interface SlotSearch {
  /** `yyyy-mm-dd` or `yyyy-mm-ddThh:mm:ss+hh:mm`, at most 14 days apart. */
  readonly start: string;
  readonly end: string;
  /** `searchFilter` values `system|code`: our ODS code and organisation type. */
  readonly searchFilter: readonly string[];
}

export interface Versioned<T> {
  readonly resource: T;
  /** `W/"n"` from the ETag, for If-Match. */
  readonly etag: string | undefined;
}

const encodeValue = (v: string): string => encodeURIComponent(v);

export class Appointments {
  constructor(private readonly client: GpConnectClient) {}

  async searchFreeSlots(odsCode: string, search: SlotSearch): Promise<fhir.Bundle> {
    const query = [
      `start=${encodeValue(`ge${search.start}`)}`,
      `end=${encodeValue(`le${search.end}`)}`,
      'status=free',
      `_include=${encodeValue('Slot:schedule')}`,
      `_include:recurse=${encodeValue('Schedule:actor:Practitioner')}`,
      `_include:recurse=${encodeValue('Schedule:actor:Location')}`,
      `_include:recurse=${encodeValue('Location:managingOrganization')}`,
      ...search.searchFilter.map((f) => `searchFilter=${encodeValue(f)}`),
    ].join('&');
    const r = await this.client.call({
      interaction: INTERACTIONS.searchSlots,
      odsCode,
      method: 'GET',
      path: `Slot?${query}`,
    });
    return expectResource<fhir.Bundle>(r, 'Bundle');
  }

  async book(odsCode: string, appointment: fhir.Appointment): Promise<Versioned<fhir.Appointment>> {
    const r = await this.client.call({
      interaction: INTERACTIONS.bookAppointment,
      odsCode,
      method: 'POST',
      path: 'Appointment',
      body: appointment,
    });
    return { resource: expectResource<fhir.Appointment>(r, 'Appointment'), etag: r.headers['etag'] };
  }

  async read(odsCode: string, id: string): Promise<Versioned<fhir.Appointment>> {
    const r = await this.client.call({
      interaction: INTERACTIONS.readAppointment,
      odsCode,
      method: 'GET',
      path: `Appointment/${encodeValue(id)}`,
    });
    return { resource: expectResource<fhir.Appointment>(r, 'Appointment'), etag: r.headers['etag'] };
  }

  async patientAppointments(odsCode: string, patientId: string, from: string, to: string): Promise<fhir.Bundle> {
    const r = await this.client.call({
      interaction: INTERACTIONS.patientAppointments,
      odsCode,
      method: 'GET',
      path: `Patient/${encodeValue(patientId)}/Appointment?start=${encodeValue(`ge${from}`)}&start=${encodeValue(`le${to}`)}`,
    });
    return expectResource<fhir.Bundle>(r, 'Bundle');
  }

  private async put(
    interaction: typeof INTERACTIONS.amendAppointment | typeof INTERACTIONS.cancelAppointment,
    odsCode: string,
    appointment: fhir.Appointment,
    etag: string,
  ): Promise<Versioned<fhir.Appointment>> {
    if (!appointment.id) throw new Error('an appointment to change must carry its id');
    const r = await this.client.call({
      interaction,
      odsCode,
      method: 'PUT',
      path: `Appointment/${encodeValue(appointment.id)}`,
      body: appointment,
      headers: { 'if-match': etag },
    });
    return { resource: expectResource<fhir.Appointment>(r, 'Appointment'), etag: r.headers['etag'] };
  }

  amend(odsCode: string, appointment: fhir.Appointment, etag: string): Promise<Versioned<fhir.Appointment>> {
    return this.put(INTERACTIONS.amendAppointment, odsCode, appointment, etag);
  }

  cancel(odsCode: string, appointment: fhir.Appointment, etag: string): Promise<Versioned<fhir.Appointment>> {
    return this.put(INTERACTIONS.cancelAppointment, odsCode, appointment, etag);
  }

  async registerPatient(odsCode: string, patient: fhir.Patient): Promise<fhir.Patient> {
    const r = await this.client.call({
      interaction: INTERACTIONS.registerPatient,
      odsCode,
      method: 'POST',
      path: 'Patient/$gpc.registerpatient',
      body: { resourceType: 'Parameters', parameter: [{ name: 'registerPatient', resource: patient }] },
    });
    const bundle = expectResource<fhir.Bundle>(r, 'Bundle');
    const registered = (bundle.entry ?? []).find((e) => e.resource?.resourceType === 'Patient')?.resource;
    if (!registered) throw new Error('the practice confirmed the registration without returning the Patient');
    return registered as fhir.Patient;
  }
}
