import { createStore } from 'zustand/vanilla';
import type { GpcApi } from '../../../shared/ipc/api';
import type { SessionState } from '../../../shared/ipc/features/session.contract';
import type { GpcErrorInfo, Result } from '../../../shared/ipc/errors';

export interface SessionStore {
  /** Null until main has answered once. */
  readonly state: SessionState | null;
  /** The last refused step (wrong passcode, untrusted card …), shown on the screen that asked. */
  readonly error: GpcErrorInfo | null;
  readonly busy: boolean;
  refresh(): Promise<void>;
  signInWithCard(pin: string): Promise<void>;
  signInDemo(clinicianId: string): Promise<void>;
  chooseRole(roleProfileId: string): Promise<void>;
  switchRole(): Promise<void>;
  lock(): Promise<void>;
  unlock(pin?: string): Promise<void>;
  signOut(): Promise<void>;
  insertDemoCard(clinicianId: string): Promise<void>;
  /** The clinician is at the keyboard (the gate throttles the calls). */
  report(): Promise<void>;
  clearError(): void;
}

/** Patient context ends when the session leaves "active" or works under another role. */
function contextEnded(before: SessionState | null, after: SessionState): boolean {
  if (before?.phase !== 'active') return false;
  return after.phase !== 'active' || after.role?.roleProfileId !== before.role?.roleProfileId;
}

/**
 * The window's view of the session held in main. Main is the authority (it locks on card removal or inactivity by
 * itself); the window polls `session.status` and follows. Whenever patient context ends, `onContextEnd` runs first
 * (the patient store empties) so no record outlives its session in the page's memory.
 */
export function createSessionStore(api: GpcApi, onContextEnd: () => void) {
  return createStore<SessionStore>()((set, get) => {
    const apply = (result: Result<SessionState>): void => {
      if (result.ok) {
        if (contextEnded(get().state, result.value)) onContextEnd();
        set({ state: result.value, error: null });
      } else {
        set({ error: result.error });
      }
    };
    const step = async (call: () => Promise<Result<SessionState>>): Promise<void> => {
      set({ busy: true });
      try {
        apply(await call());
      } finally {
        set({ busy: false });
      }
      // A refused step may still have changed the session (e.g. another user's card ended it).
      if (!get().state || get().error) await get().refresh();
    };
    return {
      state: null,
      error: null,
      busy: false,
      refresh: async () => {
        const result = await api.session.status();
        if (result.ok) {
          const before = get().state;
          // Polled every second: an unchanged answer must not re-render the window.
          if (JSON.stringify(before) === JSON.stringify(result.value)) return;
          if (contextEnded(before, result.value)) onContextEnd();
          // A message about a step belongs to that step's screen only.
          set(before?.phase === result.value.phase ? { state: result.value } : { state: result.value, error: null });
        }
      },
      signInWithCard: (pin) => step(() => api.session.signInWithCard({ pin })),
      signInDemo: (clinicianId) => step(() => api.session.signInDemo({ clinicianId })),
      chooseRole: (roleProfileId) => step(() => api.session.chooseRole({ roleProfileId })),
      switchRole: () => step(() => api.session.switchRole()),
      lock: () => step(() => api.session.lock()),
      unlock: (pin) => step(() => api.session.unlock(pin === undefined ? {} : { pin })),
      signOut: () => step(() => api.session.signOut()),
      insertDemoCard: (clinicianId) => step(() => api.session.demoCard({ action: 'insert', clinicianId })),
      report: async () => {
        await api.session.activity();
      },
      clearError: () => set({ error: null }),
    };
  });
}

export type SessionStoreApi = ReturnType<typeof createSessionStore>;
