import type { PracticeRecord } from '../../data/practices';
import { seedFrom, seededRandom } from '../../data/seeded-random';
import { addDays, ukDate, ukInstant } from '../../uk-time';

/**
 * One practice's appointment book: schedules (practitioner × location × delivery channel) with slots on the
 * weekdays of the next four weeks, generated from the run seed, and the appointments booked into them during the
 * run. Times are instants; they are written in UK local time with their offset, so a book that spans the last
 * Sunday of March or October shows both +00:00 and +01:00.
 */
export type DeliveryChannel = 'In-person' | 'Telephone' | 'Video';

export interface ScheduleRecord {
  readonly id: string;
  readonly practitionerId: string;
  readonly locationId: string;
  readonly serviceCategory: string;
  readonly roleCode: 'R0260' | 'R0270';
  readonly roleDisplay: string;
  readonly channel: DeliveryChannel;
}

export interface SlotRecord {
  readonly id: string;
  readonly scheduleId: string;
  readonly start: Date;
  readonly end: Date;
  readonly serviceType: string;
  readonly channel: DeliveryChannel;
  /** Bookable only by consumers whose searchFilter names this ODS code or organisation type. */
  readonly restriction?: { readonly odsCode: string } | { readonly organisationType: string };
  status: 'free' | 'busy';
}

export interface AppointmentRecord {
  readonly id: string;
  readonly patientId: string;
  readonly slotIds: readonly string[];
  readonly start: Date;
  version: number;
  resource: Record<string, unknown>;
}

export const BOOK_DAYS = 28;

const SESSIONS = [
  { from: 9, to: 12, minutes: 10, serviceType: 'General GP Appointment', category: 'Morning surgery' },
  { from: 14, to: 16, minutes: 15, serviceType: 'Routine review', category: 'Afternoon clinic' },
] as const;

export class AppointmentBook {
  readonly schedules: ScheduleRecord[] = [];
  readonly slots = new Map<string, SlotRecord>();
  readonly appointments = new Map<string, AppointmentRecord>();
  private nextAppointment = 1;

  constructor(
    readonly practice: PracticeRecord,
    seed: number,
    now: Date,
  ) {
    const rnd = seededRandom(seedFrom(`${seed}:slots:${practice.odsCode}`));
    const channels: DeliveryChannel[] = ['In-person', 'Telephone', 'Video'];
    practice.practitioners.forEach((p, i) => {
      const location = practice.locations[i % practice.locations.length];
      if (!location) return;
      const nurse = p.prefix.includes('Mrs') || p.prefix.includes('Mr') || p.prefix.includes('Ms');
      this.schedules.push({
        id: `${practice.odsCode}-S${i + 1}`,
        practitionerId: p.id,
        locationId: location.id,
        serviceCategory: nurse ? 'Nurse clinic' : 'General GP Appointments',
        roleCode: nurse ? 'R0270' : 'R0260',
        roleDisplay: nurse ? 'Practice Nurse' : 'General Medical Practitioner',
        channel: channels[i % channels.length] ?? 'In-person',
      });
    });
    let slotNumber = 1;
    const today = ukDate(now);
    for (let d = 0; d <= BOOK_DAYS; d += 1) {
      const date = addDays(today, d);
      const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
      if (weekday === 0 || weekday === 6) continue;
      for (const schedule of this.schedules) {
        for (const session of SESSIONS) {
          for (let m = session.from * 60; m + session.minutes <= session.to * 60; m += session.minutes) {
            const start = ukInstant(date, Math.floor(m / 60), m % 60);
            const end = ukInstant(date, Math.floor((m + session.minutes) / 60), (m + session.minutes) % 60);
            const roll = rnd.next();
            // Most slots are open to anyone; a few are kept for urgent care or for one named consumer.
            const restriction =
              roll < 0.06 ? { organisationType: 'urgent-care' } : roll < 0.1 ? { odsCode: 'Y90001' } : undefined;
            const channel = rnd.next() < 0.2 ? 'Telephone' : schedule.channel;
            const slot: SlotRecord = {
              id: `${practice.organizationId}${String(slotNumber).padStart(5, '0')}`,
              scheduleId: schedule.id,
              start,
              end,
              serviceType: session.serviceType,
              channel,
              status: rnd.next() < 0.25 ? 'busy' : 'free',
              ...(restriction === undefined ? {} : { restriction }),
            };
            slotNumber += 1;
            this.slots.set(slot.id, slot);
          }
        }
      }
    }
  }

  schedule(id: string): ScheduleRecord | undefined {
    return this.schedules.find((s) => s.id === id);
  }

  newAppointmentId(): string {
    const id = `${this.practice.organizationId}${String(this.nextAppointment).padStart(4, '0')}`;
    this.nextAppointment += 1;
    return id;
  }
}
