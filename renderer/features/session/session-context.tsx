import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { SessionStore, SessionStoreApi } from './session-store';

export const SessionStoreContext = createContext<SessionStoreApi | null>(null);

export function useSession<T>(select: (store: SessionStore) => T): T {
  const store = useContext(SessionStoreContext);
  if (!store) throw new Error('SessionStoreContext is not provided');
  return useStore(store, select);
}
