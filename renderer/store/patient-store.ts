import { createStore } from 'zustand/vanilla';
import type { HtmlRecordSection } from '../../shared/gpconnect/html-record-view';
import type { HtmlSectionCode } from '../../shared/gpconnect/html-sections';
import { HTML_SECTION_CODES, takesDateFilter } from '../../shared/gpconnect/html-sections';
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

/** A printout of the current patient's record: being prepared, ready for the browser to print, saved, or failed. */
export type PrintState =
  | { readonly status: 'idle' }
  | { readonly status: 'preparing'; readonly scope: PrintScope }
  | {
      readonly status: 'ready';
      readonly scope: PrintScope;
      readonly title: string;
      readonly document: string;
      /** Changes with every printout, so the print frame is rebuilt (and prints) each time. */
      readonly id: number;
    }
  | { readonly status: 'saved'; readonly scope: PrintScope }
  | { readonly status: 'failed'; readonly scope: PrintScope; readonly error: GpcErrorInfo };

export type PrintScope = 'section' | 'record';

/** The Access Record HTML sections of the current patient: the cache for the session, cleared with the patient. */
export interface RecordState {
  readonly selected: HtmlSectionCode;
  readonly sections: Partial<Record<HtmlSectionCode, SectionLoad>>;
  readonly print: PrintState;
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
  /**
   * Prepares a printout of the selected section or of the whole record (loading the sections not yet asked for
   * first), composed in main from what main sent; `pdf` saves it as a PDF instead (desktop app).
   */
  print(scope: PrintScope, output?: 'print' | 'pdf'): Promise<void>;
  /** Forgets the printout once the browser has printed it: no copy of the record lingers in a hidden frame. */
  printDone(): void;
}

const EMPTY_RECORD: RecordState = { selected: 'SUM', sections: {}, print: { status: 'idle' } };

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
  let printCounter = 0;

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
    print: async (scope, output = 'print') => {
      const patient = recordPatient(get().state);
      if (!patient) return;
      const epoch = sequence;
      printCounter += 1;
      const mine = printCounter;
      const current = () => epoch === sequence && printCounter === mine;
      const setPrint = (print: PrintState) => set((s) => ({ record: { ...s.record, print } }));
      setPrint({ status: 'preparing', scope });
      if (scope === 'record') {
        // The whole record: every section not yet asked for is loaded first (one request each, as on screen).
        const missing = HTML_SECTION_CODES.filter((code) => !get().record.sections[code]);
        await Promise.all(missing.map((code) => get().loadSection(code)));
        if (!current()) return;
      }
      const { sections, selected } = get().record;
      const codes = scope === 'record' ? HTML_SECTION_CODES : [selected];
      const traceIds = codes.flatMap((code) => {
        const load = sections[code];
        return load?.status === 'loaded' ? [load.view.traceId] : [];
      });
      if (traceIds.length === 0) {
        setPrint({
          status: 'failed',
          scope,
          error: {
            code: 'NOT_AVAILABLE',
            message:
              scope === 'record'
                ? 'No section of the record could be retrieved, so there is nothing to print.'
                : 'This section has not been retrieved, so there is nothing to print.',
          },
        });
        return;
      }
      const input = { nhsNumber: patient.nhsNumber, scope, traceIds };
      if (output === 'pdf') {
        const result = await api.record.pdf(input);
        if (!current()) return;
        setPrint(
          result.ok
            ? result.value.saved
              ? { status: 'saved', scope }
              : { status: 'idle' }
            : { status: 'failed', scope, error: result.error },
        );
        return;
      }
      const result = await api.record.print(input);
      if (!current()) return;
      setPrint(
        result.ok
          ? { status: 'ready', scope, title: result.value.title, document: result.value.document, id: mine }
          : { status: 'failed', scope, error: result.error },
      );
    },
    printDone: () => {
      set((s) => (s.record.print.status === 'ready' ? { record: { ...s.record, print: { status: 'idle' } } } : s));
    },
  }));
}

export type PatientStoreApi = ReturnType<typeof createPatientStore>;
