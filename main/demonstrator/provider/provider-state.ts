import { PRACTICES } from '../data/practices';
import type { PracticePatient } from '../data/practice-patients';
import { practicePatients } from '../data/practice-patients';
import { AppointmentBook } from './appointments/appointment-book';

/**
 * What changes while a demonstrator runs: each practice's appointment book and the temporary registrations made by
 * `$gpc.registerpatient`. Rebuilt from the seed on every start, so a run always begins from the same data.
 */
export class ProviderState {
  readonly books = new Map<string, AppointmentBook>();
  readonly registrations: PracticePatient[] = [];
  private nextRegistration = 900;

  constructor(
    readonly seed: number,
    now: Date,
  ) {
    for (const practice of PRACTICES) this.books.set(practice.odsCode, new AppointmentBook(practice, seed, now));
  }

  book(odsCode: string): AppointmentBook {
    const book = this.books.get(odsCode);
    if (!book) throw new Error(`no appointment book for ${odsCode}`);
    return book;
  }

  /** The practice's patients: its records plus this run's temporary registrations. */
  patientsAt(odsCode: string): readonly PracticePatient[] {
    return [...practicePatients(odsCode), ...this.registrations.filter((r) => r.practice === odsCode)];
  }

  register(patient: Omit<PracticePatient, 'logicalId'>): PracticePatient {
    const record = { ...patient, logicalId: String(this.nextRegistration) };
    this.nextRegistration += 1;
    this.registrations.push(record);
    return record;
  }
}
