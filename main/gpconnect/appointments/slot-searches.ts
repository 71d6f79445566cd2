import { splitSearchWindows } from '../../../shared/appointments/search-windows';
import type { SlotView } from '../../../shared/appointments/slots';
import { slotsFromBundle } from '../../../shared/appointments/slots';
import type {
  PracticeSlotResult,
  SlotSearchProgress,
  SlotSearchStarted,
} from '../../../shared/ipc/features/appointments.contract';
import { SpineError } from '../../spine/spine-error';
import type { Appointments } from '../appointments';

/**
 * Multi-practice free-slot searches (SPEC §5.1, issue 8). One search asks every practice at once, each over its
 * windows of at most 14 days, each practice with its own deadline; a practice's slots (or its failure) are
 * recorded the moment they arrive, and the renderer polls. Why start + poll rather than one call per practice from
 * the renderer: the preview host carries IPC over HTTP/1.1, where Chromium opens at most six connections to a host,
 * so twenty parallel calls would queue behind slow practices; one start and short polls never block, in either host.
 * Slots found are remembered per practice: a booking names slot ids, and main books what the practice offered
 * (times, schedule, location), never what a renderer claims.
 */
export interface SlotSearchOptions {
  readonly appointments: Appointments;
  readonly now: () => Date;
  readonly newId: () => string;
  /** Per-practice deadline for all of its windows. */
  readonly practiceTimeoutMs: number;
  readonly searchFilter: readonly string[];
}

interface Running {
  readonly id: string;
  readonly startedAt: number;
  readonly results: Map<string, PracticeSlotResult>;
  /** Settles when every practice has answered, failed or timed out. */
  readonly settled: Promise<void>;
}

const KEPT_SEARCHES = 20;

class PracticeTimeout extends Error {
  override readonly name = 'PracticeTimeout';
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PracticeTimeout()), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

export class SlotSearches {
  private readonly searches = new Map<string, Running>();
  /** `ODS/slotId` → the slot as last offered by that practice. */
  private readonly offered = new Map<string, SlotView>();

  constructor(private readonly options: SlotSearchOptions) {}

  start(practices: readonly string[], from: string, to: string): SlotSearchStarted & { settled: Promise<void> } {
    const windows = splitSearchWindows(from, to);
    const id = this.options.newId();
    const startedAt = Date.now();
    const results = new Map<string, PracticeSlotResult>(
      practices.map((odsCode) => [odsCode, { odsCode, state: 'pending' as const }]),
    );
    const one = async (odsCode: string): Promise<void> => {
      try {
        const bundles = await withDeadline(
          Promise.all(
            windows.map((w) =>
              this.options.appointments.searchFreeSlots(odsCode, { ...w, searchFilter: this.options.searchFilter }),
            ),
          ),
          this.options.practiceTimeoutMs,
        );
        const now = this.options.now();
        const seen = new Set<string>();
        const slots = bundles
          .flatMap((b) => slotsFromBundle(odsCode, b, now))
          .filter((s) => (seen.has(s.id) ? false : (seen.add(s.id), true)));
        for (const s of slots) this.offered.set(`${odsCode}/${s.id}`, s);
        // The practice's own Organization comes with the included Locations (SPEC §5.1): its name, no extra call.
        const practiceName = bundles
          .flatMap((b) => b.entry ?? [])
          .map((e) => e.resource)
          .find((r): r is fhir.Organization => r?.resourceType === 'Organization')?.name;
        results.set(odsCode, {
          odsCode,
          state: 'done',
          ms: Date.now() - startedAt,
          slots,
          ...(practiceName ? { practiceName } : {}),
        });
      } catch (err) {
        const error =
          err instanceof PracticeTimeout
            ? {
                code: 'TIMEOUT',
                message: `The practice did not answer within ${Math.round(this.options.practiceTimeoutMs / 1000)} seconds.`,
              }
            : err instanceof SpineError
              ? {
                  code: err.failure.code,
                  message: err.failure.message,
                  ...(err.failure.traceId ? { traceId: err.failure.traceId } : {}),
                }
              : { code: 'INTERNAL_ERROR', message: 'The search at this practice failed in the workstation.' };
        results.set(odsCode, { odsCode, state: 'failed', ms: Date.now() - startedAt, error });
      }
    };
    const settled = Promise.all(practices.map(one)).then(() => undefined);
    this.searches.set(id, { id, startedAt, results, settled });
    // Bounded memory: only the latest searches are held.
    for (const old of [...this.searches.keys()].slice(0, Math.max(0, this.searches.size - KEPT_SEARCHES))) {
      this.searches.delete(old);
    }
    return { searchId: id, practices: [...practices], windows, settled };
  }

  poll(id: string): SlotSearchProgress | undefined {
    const s = this.searches.get(id);
    if (!s) return undefined;
    const practices = [...s.results.values()];
    return { searchId: id, done: practices.every((p) => p.state !== 'pending'), practices };
  }

  /** The slots a practice offered in a search of this session, or undefined for one it never offered. */
  offeredSlot(odsCode: string, slotId: string): SlotView | undefined {
    return this.offered.get(`${odsCode}/${slotId}`);
  }

  /** A slot just taken elsewhere is no longer offered. */
  forget(odsCode: string, slotIds: readonly string[]): void {
    for (const id of slotIds) this.offered.delete(`${odsCode}/${id}`);
  }
}
