import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { PatientStore, PatientStoreApi } from './patient-store';

export const PatientStoreContext = createContext<PatientStoreApi | null>(null);

export function usePatientStore<T>(select: (store: PatientStore) => T): T {
  const store = useContext(PatientStoreContext);
  if (!store) throw new Error('PatientStoreContext is not provided');
  return useStore(store, select);
}
