import { useCallback, useEffect, useRef, useState } from 'react';
import type { SlotSearchProgress } from '../../../shared/ipc/features/appointments.contract';
import type { GpcErrorInfo } from '../../../shared/ipc/errors';
import { useGpc } from '../../gpc-context';

export interface SearchRequest {
  readonly nhsNumber: string;
  readonly practices: readonly string[];
  readonly from: string;
  readonly to: string;
}

export type SearchState =
  | { readonly status: 'idle' }
  | { readonly status: 'failed'; readonly error: GpcErrorInfo }
  | {
      readonly status: 'running' | 'done';
      readonly request: SearchRequest;
      readonly windows: number;
      readonly progress: SlotSearchProgress | null;
    };

const POLL_MS = 250;

/**
 * One multi-practice search: started in main, polled until every practice has answered or failed, each practice's
 * result shown as soon as main has it. A newer search (or leaving the tab) stops the polling of the older one.
 */
export function useSlotSearch(): { state: SearchState; run: (r: SearchRequest) => void } {
  const gpc = useGpc();
  const [state, setState] = useState<SearchState>({ status: 'idle' });
  const generation = useRef(0);
  useEffect(
    () => () => {
      generation.current += 1;
    },
    [],
  );
  const run = useCallback(
    (request: SearchRequest) => {
      generation.current += 1;
      const mine = generation.current;
      const current = () => generation.current === mine;
      void (async () => {
        const started = await gpc.slots.searchStart({
          nhsNumber: request.nhsNumber,
          practices: [...request.practices],
          from: request.from,
          to: request.to,
        });
        if (!current()) return;
        if (!started.ok) {
          setState({ status: 'failed', error: started.error });
          return;
        }
        const windows = started.value.windows.length;
        setState({ status: 'running', request, windows, progress: null });
        for (;;) {
          const polled = await gpc.slots.searchPoll({ searchId: started.value.searchId });
          if (!current()) return;
          if (!polled.ok) {
            setState({ status: 'failed', error: polled.error });
            return;
          }
          setState({ status: polled.value.done ? 'done' : 'running', request, windows, progress: polled.value });
          if (polled.value.done) return;
          await new Promise((resolve) => setTimeout(resolve, POLL_MS));
          if (!current()) return;
        }
      })();
    },
    [gpc],
  );
  return { state, run };
}
