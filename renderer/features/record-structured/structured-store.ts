import { createStore } from 'zustand/vanilla';
import type { GpcApi } from '../../../shared/ipc/api';
import type { GpcErrorInfo } from '../../../shared/ipc/errors';
import type { PatientSummary } from '../../../shared/patient/patient-summary';
import type { StructuredRecordView } from '../../../shared/record/structured-view';
import type { PatientStoreApi } from '../../store/patient-store';

export type StructuredLoad =
  | { readonly status: 'loading' }
  | { readonly status: 'loaded'; readonly view: StructuredRecordView }
  | { readonly status: 'failed'; readonly error: GpcErrorInfo };

export interface StructuredStore {
  /** The patient the structured record below belongs to; null when nothing has been asked for this patient. */
  readonly nhsNumber: string | null;
  readonly load: StructuredLoad | null;
  /** Shows the record, asking the practice once per patient per session. */
  open(patient: PatientSummary): void;
  /** Asks the practice again (Refresh, Try again). */
  reload(patient: PatientSummary): Promise<void>;
}

/**
 * The structured record of the patient in the banner, kept for the session beside the HTML view. It follows the
 * patient store: every trace or clear there (a new `state`) empties it and bumps its epoch before anything else, so an
 * answer that arrives for the previous patient, or after a newer request, is dropped and never shown under another
 * patient's banner.
 */
export function createStructuredStore(api: GpcApi, patients: PatientStoreApi) {
  let epoch = 0;
  let latest = 0;
  const store = createStore<StructuredStore>()((set, get) => ({
    nhsNumber: null,
    load: null,
    open: (patient) => {
      const { nhsNumber, load } = get();
      if (nhsNumber === patient.nhsNumber && load && load.status !== 'failed') return;
      void get().reload(patient);
    },
    reload: async (patient) => {
      const mine = epoch;
      latest += 1;
      const request = latest;
      set({ nhsNumber: patient.nhsNumber, load: { status: 'loading' } });
      const result = await api.record.structured({ nhsNumber: patient.nhsNumber });
      if (mine !== epoch || request !== latest) return;
      if (result.ok && result.value.patient.nhsNumber !== patient.nhsNumber) {
        // Belt and braces: main answered about someone else. Say so rather than show it or spin forever.
        set({
          load: {
            status: 'failed',
            error: {
              code: 'INTERNAL_ERROR',
              message: 'The answer was about a different NHS number, so it is not shown.',
            },
          },
        });
        return;
      }
      set({ load: result.ok ? { status: 'loaded', view: result.value } : { status: 'failed', error: result.error } });
    },
  }));
  patients.subscribe((now, before) => {
    if (now.state === before.state) return;
    epoch += 1;
    store.setState({ nhsNumber: null, load: null });
  });
  return store;
}

export type StructuredStoreApi = ReturnType<typeof createStructuredStore>;

const stores = new WeakMap<PatientStoreApi, StructuredStoreApi>();

/** One structured store per patient store (per window), created on first use, so no shared app file changes. */
export function structuredStoreFor(api: GpcApi, patients: PatientStoreApi): StructuredStoreApi {
  let store = stores.get(patients);
  if (!store) {
    store = createStructuredStore(api, patients);
    stores.set(patients, store);
  }
  return store;
}
