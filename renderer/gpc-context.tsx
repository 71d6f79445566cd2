import { createContext, useContext } from 'react';
import type { GpcApi } from '../shared/ipc/api';

/** The API the UI talks to: `window.gpc` in the app, a test double in renderer tests. */
export const GpcContext = createContext<GpcApi | null>(null);

export function useGpc(): GpcApi {
  const api = useContext(GpcContext);
  if (!api) throw new Error('GpcContext is not provided');
  return api;
}
