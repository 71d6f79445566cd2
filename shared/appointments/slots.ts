import { ukClock, ukDate, ukZoneName } from './uk-time';

/**
 * A free slot as the workstation shows it (SPEC §5.1 "Show"): times, channel, slot and session type, location,
 * practitioner and role, read from the searchset Bundle (Slot + the included Schedule, Practitioner, Location).
 * Pure: main builds these from the practice's answer; the renderer only displays them.
 */
export const DELIVERY_CHANNELS = ['In-person', 'Telephone', 'Video'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

const SD = 'https://fhir.nhs.uk/STU3/StructureDefinition/';
export const DELIVERY_CHANNEL_EXTENSION = `${SD}Extension-GPConnect-DeliveryChannel-2`;
export const PRACTITIONER_ROLE_EXTENSION = `${SD}Extension-GPConnect-PractitionerRole-1`;

export interface SlotView {
  readonly odsCode: string;
  readonly id: string;
  /** As the practice wrote it, UK local with offset: sent back unchanged when booking. */
  readonly start: string;
  readonly end: string;
  /** UK calendar date and wall-clock times, and the zone in force (GMT/BST). */
  readonly date: string;
  readonly startTime: string;
  readonly endTime: string;
  readonly zone: 'GMT' | 'BST';
  readonly minutes: number;
  readonly channel?: string;
  readonly slotType?: string;
  readonly session?: string;
  readonly scheduleId: string;
  readonly locationId?: string;
  readonly locationName?: string;
  readonly locationAddress?: string;
  readonly practitionerId?: string;
  readonly practitionerName?: string;
  readonly practitionerGender?: string;
  readonly roleCode?: string;
  readonly role?: string;
  /** False for slots that have started: they may be listed but never booked (SPEC §5.1). */
  readonly bookable: boolean;
}

const idOf = (reference: string | undefined, type: string): string | undefined =>
  reference?.startsWith(`${type}/`) ? reference.slice(type.length + 1) : undefined;

function nameOf(p: fhir.Practitioner): string | undefined {
  const n = p.name?.[0];
  if (!n) return undefined;
  const text = [...(n.prefix ?? []), ...(n.given ?? []), n.family ?? ''].filter((s) => s !== '').join(' ');
  return text === '' ? undefined : text;
}

function addressOf(l: fhir.Location): string | undefined {
  const a = l.address;
  if (!a) return undefined;
  const text = [...(a.line ?? []), a.city, a.postalCode].filter((s): s is string => !!s).join(', ');
  return text === '' ? undefined : text;
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

export function slotsFromBundle(odsCode: string, bundle: fhir.Bundle, now: Date): SlotView[] {
  const resources = (bundle.entry ?? []).flatMap((e) => (e.resource ? [e.resource] : []));
  const byKey = new Map(resources.map((r) => [`${r.resourceType}/${r.id ?? ''}`, r]));
  const out: SlotView[] = [];
  for (const r of resources) {
    if (r.resourceType !== 'Slot') continue;
    const slot = r as fhir.Slot;
    const start = new Date(slot.start ?? '');
    const end = new Date(slot.end ?? '');
    if (!slot.id || Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) continue;
    const schedule = byKey.get(slot.schedule?.reference ?? '') as fhir.Schedule | undefined;
    const actors = (schedule?.actor ?? []).map((a) => a.reference);
    const locationId = actors.map((a) => idOf(a, 'Location')).find((x) => x !== undefined);
    const practitionerId = actors.map((a) => idOf(a, 'Practitioner')).find((x) => x !== undefined);
    const location = byKey.get(`Location/${locationId ?? ''}`) as fhir.Location | undefined;
    const practitioner = byKey.get(`Practitioner/${practitionerId ?? ''}`) as fhir.Practitioner | undefined;
    const role = (schedule?.extension ?? []).find((e) => e.url === PRACTITIONER_ROLE_EXTENSION)?.valueCodeableConcept
      ?.coding?.[0];
    const channel = (slot.extension ?? []).find((e) => e.url === DELIVERY_CHANNEL_EXTENSION)?.valueCode;
    out.push({
      odsCode,
      id: slot.id,
      start: slot.start ?? '',
      end: slot.end ?? '',
      date: ukDate(start),
      startTime: ukClock(start),
      endTime: ukClock(end),
      zone: ukZoneName(start),
      minutes: Math.round((end.getTime() - start.getTime()) / 60_000),
      scheduleId: idOf(slot.schedule?.reference, 'Schedule') ?? '',
      bookable: start.getTime() > now.getTime(),
      ...optional('channel', channel),
      ...optional('slotType', slot.serviceType?.[0]?.text),
      ...optional('session', schedule?.serviceCategory?.text),
      ...optional('locationId', locationId),
      ...optional('locationName', location?.name),
      ...optional('locationAddress', location ? addressOf(location) : undefined),
      ...optional('practitionerId', practitionerId),
      ...optional('practitionerName', practitioner ? nameOf(practitioner) : undefined),
      ...optional('practitionerGender', practitioner?.gender),
      ...optional('roleCode', role?.code),
      ...optional('role', role?.display ?? role?.code),
    });
  }
  return out.sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || a.id.localeCompare(b.id));
}

/** Filters a clinician sets on the results (SPEC §5.1 / issue 8): all optional, all must hold. */
export interface SlotFilter {
  /** UK wall-clock `HH:mm` bounds on the slot's start. */
  readonly fromTime?: string | undefined;
  readonly toTime?: string | undefined;
  readonly channels?: readonly string[] | undefined;
  readonly slotType?: string | undefined;
  readonly role?: string | undefined;
  readonly gender?: string | undefined;
  /** Matched against the location's name and address, case-insensitive. */
  readonly location?: string | undefined;
}

export function filterSlots(slots: readonly SlotView[], f: SlotFilter): SlotView[] {
  const loc = f.location?.trim().toLowerCase();
  return slots.filter(
    (s) =>
      (!f.fromTime || s.startTime >= f.fromTime) &&
      (!f.toTime || s.startTime <= f.toTime) &&
      (!f.channels || f.channels.length === 0 || (s.channel !== undefined && f.channels.includes(s.channel))) &&
      (!f.slotType || s.slotType === f.slotType) &&
      (!f.role || s.role === f.role) &&
      (!f.gender || s.practitionerGender === f.gender) &&
      (!loc || `${s.locationName ?? ''} ${s.locationAddress ?? ''}`.toLowerCase().includes(loc)),
  );
}
