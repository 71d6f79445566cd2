import { createStore } from 'zustand/vanilla';
import type { GpcApi } from '../../shared/ipc/api';
import type { GpcErrorInfo } from '../../shared/ipc/errors';
import type { PatientSummary } from '../../shared/patient/patient-summary';

export type PatientState =
  | { readonly status: 'idle' }
  | { readonly status: 'tracing'; readonly nhsNumber: string }
  | { readonly status: 'found'; readonly patient: PatientSummary }
  | { readonly status: 'failed'; readonly nhsNumber: string; readonly error: GpcErrorInfo };

export interface PatientStore {
  readonly state: PatientState;
  trace(nhsNumber: string): Promise<void>;
  clear(): void;
}

/**
 * The one patient context of the window. Every trace gets a sequence number; a reply that arrives after a newer
 * trace (or a clear) is dropped, so a slow answer for one patient can never appear under another's banner.
 */
export function createPatientStore(api: GpcApi) {
  let sequence = 0;
  return createStore<PatientStore>()((set) => ({
    state: { status: 'idle' },
    trace: async (nhsNumber) => {
      sequence += 1;
      const mine = sequence;
      set({ state: { status: 'tracing', nhsNumber } });
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
      set({ state: { status: 'idle' } });
    },
  }));
}

export type PatientStoreApi = ReturnType<typeof createPatientStore>;
