import { createStore } from 'zustand/vanilla';
import type { HtmlRecordSection } from '../../shared/gpconnect/html-record-view';
import type { HtmlSectionCode } from '../../shared/gpconnect/html-sections';
import { takesDateFilter } from '../../shared/gpconnect/html-sections';
import type { GpcApi } from '../../shared/ipc/api';
import type { GpcErrorInfo } from '../../shared/ipc/errors';
import type { PatientSummary } from '../../shared/patient/patient-summary';

export type PatientState =
  | { readonly status: 'idle' }
  | { readonly status: 'tracing'; readonly nhsNumber: string }
  | { readonly status: 'found'; readonly patient: PatientSummary }
  | { readonly status: 'failed'; readonly nhsNumber: string; readonly error: GpcErrorInfo };

/** A date filter as the clinician set it (`YYYY-MM-DD`); only sections that take one ever carry it. */
export interface DatePeriod {
  readonly from?: string;
  readonly to?: string;
}

export type SectionLoad =
  | { readonly status: 'loading'; readonly period?: DatePeriod }
  | { readonly status: 'loaded'; readonly period?: DatePeriod; readonly view: HtmlRecordSection }
  | { readonly status: 'failed'; readonly period?: DatePeriod; readonly error: GpcErrorInfo };

/** The Access Record HTML sections of the current patient: the cache for the session, cleared with the patient. */
export interface RecordState {
  readonly selected: HtmlSectionCode;
  readonly sections: Partial<Record<HtmlSectionCode, SectionLoad>>;
}

export interface PatientStore {
  readonly state: PatientState;
  readonly record: RecordState;
  trace(nhsNumber: string): Promise<void>;
  clear(): void;
  /** Shows a section, loading it once (on demand) if this patient's session has not got it yet. */
  selectSection(code: HtmlSectionCode): void;
  /** Loads (or reloads) a section, with a date filter where the section takes one. */
  loadSection(code: HtmlSectionCode, period?: DatePeriod): Promise<void>;
}

const EMPTY_RECORD: RecordState = { selected: 'SUM', sections: {} };

/** Only patients whose GP record may be requested: found, not restricted, with a registered practice. */
export function recordPatient(state: PatientState): PatientSummary | null {
  if (state.status !== 'found') return null;
  const { patient } = state;
  return patient.restricted || !patient.registeredPractice ? null : patient;
}

/**
 * The one patient context of the window, and the record views that hang off it. Every trace (and clear) bumps the
 * patient sequence and empties the record cache before anything else; every record request remembers the sequence
 * it was made under and its own per-section number. A reply made under an older patient or superseded by a newer
 * request for the same section is dropped, so a slow answer can never appear under another patient's banner.
 */
export function createPatientStore(api: GpcApi) {
  let sequence = 0;
  const sectionRequests = new Map<HtmlSectionCode, number>();
  let requestCounter = 0;

  return createStore<PatientStore>()((set, get) => ({
    state: { status: 'idle' },
    record: EMPTY_RECORD,
    trace: async (nhsNumber) => {
      sequence += 1;
      const mine = sequence;
      sectionRequests.clear();
      set({ state: { status: 'tracing', nhsNumber }, record: EMPTY_RECORD });
      const result = await api.patient.lookup({ nhsNumber });
      if (mine !== sequence) return;
      set({
        state: result.ok
          ? { status: 'found', patient: result.value }
          : { status: 'failed', nhsNumber, error: result.error },
      });
    },
    clear: () => {
      sequence += 1;
      sectionRequests.clear();
      set({ state: { status: 'idle' }, record: EMPTY_RECORD });
    },
    selectSection: (code) => {
      set((s) => ({ record: { ...s.record, selected: code } }));
      if (!get().record.sections[code]) void get().loadSection(code);
    },
    loadSection: async (code, period) => {
      const patient = recordPatient(get().state);
      // Restricted patients and patients without a practice: no request is ever made.
      if (!patient) return;
      const epoch = sequence;
      requestCounter += 1;
      const request = requestCounter;
      sectionRequests.set(code, request);
      const filter = period && takesDateFilter(code) && (period.from || period.to) ? period : undefined;
      const setSection = (load: SectionLoad) =>
        set((s) => ({ record: { ...s.record, sections: { ...s.record.sections, [code]: load } } }));
      setSection({ status: 'loading', ...(filter ? { period: filter } : {}) });

      const result = await api.record.html({
        nhsNumber: patient.nhsNumber,
        section: code,
        ...(filter?.from ? { from: filter.from } : {}),
        ...(filter?.to ? { to: filter.to } : {}),
      });
      if (epoch !== sequence || sectionRequests.get(code) !== request) return;
      // Belt and braces: the answer must be about the patient in the banner.
      if (result.ok && result.value.nhsNumber !== patient.nhsNumber) return;
      setSection(
        result.ok
          ? { status: 'loaded', ...(filter ? { period: filter } : {}), view: result.value }
          : { status: 'failed', ...(filter ? { period: filter } : {}), error: result.error },
      );
    },
  }));
}

export type PatientStoreApi = ReturnType<typeof createPatientStore>;
