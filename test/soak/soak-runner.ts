import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { loadWorkstationConfig } from '../../main/config/load-config';
import type { Dispatch } from '../../main/ipc/dispatcher';
import { createDispatcher } from '../../main/ipc/dispatcher';
import { createHandlers } from '../../main/ipc/handlers';
import type { LiveServices } from '../../main/live-services';
import { createLiveServices } from '../../main/live-services';
import type { ChannelName } from '../../shared/ipc/channels';
import type { ChannelInput, ChannelOutput } from '../../shared/ipc/contract';
import type { Result } from '../../shared/ipc/errors';
import type { AuditUser } from '../../shared/audit/audit-record';
import type { AuditService } from '../../main/audit/audit-service';
import { openAuditService } from '../../main/audit/audit-service';
import { interactionEvent } from '../../main/audit/exchange-audit';

/**
 * The soak (issue 12 item 3): many mixed interactions against the demonstrator with faults switched on and off, in
 * the same process as the app's services. The demonstrator runs as a child process (the built one, as `npm run
 * demonstrator` starts it) so its own request log and books do not count against main's memory.
 */
export interface SoakOptions {
  readonly interactions: number;
  /** Client timeout while the timeout fault is on (the demonstrator then never answers). */
  readonly timeoutMs: number;
  readonly onProgress?: (done: number) => void;
}

export interface SoakReport {
  readonly interactions: number;
  readonly failures: number;
  /** Failures by code, as the renderer would show them. */
  readonly failureCodes: Readonly<Record<string, number>>;
  /** Results with neither a value nor a typed error (must be 0). */
  readonly untyped: number;
  /** heapUsed after GC (bytes) once warm, and at the end. */
  readonly heapWarm: number;
  readonly heapEnd: number;
  /** heapUsed after GC at the end of each fault cycle after warm-up: a leak shows as a steady climb. */
  readonly heapCheckpoints: readonly number[];
  /** Active handles by type once warm and at the end (sockets, timers). */
  readonly resourcesWarm: Readonly<Record<string, number>>;
  readonly resourcesEnd: Readonly<Record<string, number>>;
  readonly unhandledRejections: number;
  /** Booking presses (each pressed twice, as a double click does), and what the practice holds at the end. */
  readonly bookings: {
    readonly attempts: number;
    readonly confirmed: number;
    /** Bookings whose reply was dropped and that were found at the practice instead of being booked again. */
    readonly recovered: number;
    /** Appointments the practice holds twice: the same soak description, or the same slot, booked more than once. */
    readonly duplicates: number;
    /** Bookings reported as made that the practice does not hold. */
    readonly missing: number;
  };
  /** Failed interactions after which the audit trail gained no failure record (must be 0). */
  readonly unaudited: number;
  readonly unauditedExamples: readonly string[];
  /** Records in the audit trail, and the chain verified at the end. */
  readonly auditRecords: number;
  readonly auditChainBreaks: number;
}

const ALL_FAULTS = [
  'none',
  'http-502',
  'timeout',
  'none',
  'http-500',
  'gp-connect-disabled',
  'drop-after-booking',
  'lost-booking',
] as const;
const FAULTS: readonly (typeof ALL_FAULTS)[number][] = process.env['SOAK_FAULTS']
  ? ALL_FAULTS.filter((f) => process.env['SOAK_FAULTS']?.split(',').includes(f))
  : ALL_FAULTS;

const PATIENTS = ['9658218873', '9658218865', '9324926233', '9658220169', '9658220142'] as const;
/** Patients registered at the soaked practice and not restricted: bookings are made for them. */
const BOOKING_PATIENTS = ['9658218873', '9658218865'] as const;
const PRACTICE = 'A20047';
const SOAK_USER: AuditUser = {
  sdsUserId: '555021935107',
  name: 'JONES, Claire (Dr)',
  roleProfileId: '555021936108',
  organisation: 'RR8',
};

function gc(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/** heapUsed after two full collections: what is still reachable, not what is waiting to be freed. */
export function settledHeap(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

function resources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of process.getActiveResourcesInfo()) counts[r] = (counts[r] ?? 0) + 1;
  return counts;
}

interface ChildDemonstrator {
  readonly configFile: string;
  readonly admin: { readonly url: string; readonly token: string };
  stop(): Promise<void>;
}

async function startChildDemonstrator(): Promise<ChildDemonstrator> {
  const out = mkdtempSync(path.join(tmpdir(), 'gpc-soak-demo-'));
  const child: ChildProcess = spawn(process.execPath, ['out/main/demonstrator.js', '--port', '0', '--out', out], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const banner = await new Promise<string>((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`demonstrator did not start: ${text}`)), 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      if (/Admin \S+/.test(text) && text.includes('Try:')) {
        clearTimeout(timer);
        resolve(text);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`demonstrator exited (${String(code)}): ${text}`));
    });
  });
  const admin = /Admin (\S+)\/scenarios\s+\(Authorization: Bearer (\S+)\)/.exec(banner);
  if (!admin?.[1] || !admin[2]) throw new Error(`no admin endpoint in: ${banner}`);
  return {
    configFile: path.join(out, 'config.json'),
    admin: { url: admin[1], token: admin[2] },
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function setFault(demo: ChildDemonstrator, fault: (typeof FAULTS)[number]): Promise<void> {
  const auth = { authorization: `Bearer ${demo.admin.token}` };
  await fetch(`${demo.admin.url}/scenarios`, { method: 'DELETE', headers: auth });
  if (fault !== 'none') {
    const r = await fetch(`${demo.admin.url}/scenarios/${fault}?ods=A20047`, { method: 'PUT', headers: auth });
    if (!r.ok) throw new Error(`could not switch on ${fault}: ${r.status}`);
  }
}

type Call = { readonly [K in ChannelName]: { channel: K; input: ChannelInput<K> } }[ChannelName];
/** A typed call through the untyped dispatcher: the handler table answers each channel with its contract's output. */
function call<K extends ChannelName>(
  dispatch: Dispatch,
  channel: K,
  input: ChannelInput<K>,
): Promise<Result<ChannelOutput<K>>> {
  return dispatch(channel, input, { host: 'cli' }) as Promise<Result<ChannelOutput<K>>>;
}

/** What the user is shown of one interaction: its value, or a failure with a code and a sentence. */
type Shown =
  | { readonly ok: true; readonly empty: boolean }
  | { readonly ok: false; readonly code: string; readonly message: string };

function shown(result: Awaited<ReturnType<Dispatch>>): Shown {
  if (result.ok) return { ok: true, empty: result.value === undefined };
  const { code, spine, message } = result.error;
  return { ok: false, code: spine ? `${code} ${spine.code}` : code, message };
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * One booking as a clinician makes it: trace, search the practice, choose a slot, press Book twice (a double click
 * is one booking). A practice that fails the search is shown as failed, so it counts as a typed failure.
 */
async function bookOnce(
  dispatch: Dispatch,
  i: number,
  record: { attempts: number; recovered: number; confirmed: string[] },
): Promise<Shown> {
  const nhsNumber = BOOKING_PATIENTS[i % BOOKING_PATIENTS.length] ?? BOOKING_PATIENTS[0];
  const traced = await call(dispatch, 'patient.trace', { nhsNumber });
  if (!traced.ok) return shown(traced);
  const today = new Date();
  const started = await call(dispatch, 'slots.searchStart', {
    nhsNumber,
    practices: [PRACTICE],
    from: isoDay(new Date(today.getTime() + 86_400_000)),
    to: isoDay(new Date(today.getTime() + 14 * 86_400_000)),
  });
  if (!started.ok) return shown(started);
  for (;;) {
    const progress = await call(dispatch, 'slots.searchPoll', { searchId: started.value.searchId });
    if (!progress.ok) return shown(progress);
    if (!progress.value.done) {
      await new Promise((r) => setTimeout(r, 10));
      continue;
    }
    const practice = progress.value.practices[0];
    // The practice's failure is shown in the results, named, instead of slots.
    if (practice?.state === 'failed') {
      return { ok: false, code: `SEARCH ${practice.error?.code ?? ''}`, message: practice.error?.message ?? '' };
    }
    const slots = practice?.slots ?? [];
    const slot = slots[i % Math.max(1, slots.length)];
    if (!slot) return { ok: true, empty: false };
    const press = {
      nhsNumber,
      odsCode: PRACTICE,
      slotIds: [slot.id],
      description: `Soak booking ${i}`,
      attemptId: randomUUID(),
    };
    record.attempts += 1;
    const [first, second] = await Promise.all([
      call(dispatch, 'appointment.book', press),
      call(dispatch, 'appointment.book', press),
    ]);
    if (first.ok !== second.ok || (first.ok && second.ok && first.value.appointment.id !== second.value.appointment.id))
      throw new Error(`one press of Book answered twice differently: ${press.attemptId}`);
    if (first.ok) record.confirmed.push(press.description);
    if (first.ok && first.value.recoveredAfterLostReply) record.recovered += 1;
    return shown(first);
  }
}

/** What the practice holds for the booking patients once the faults are off: duplicates and bookings gone missing. */
async function bookingsHeld(
  dispatch: Dispatch,
  confirmed: readonly string[],
): Promise<{ duplicates: number; missing: number }> {
  const descriptions = new Map<string, number>();
  const slots = new Map<string, number>();
  for (const nhsNumber of BOOKING_PATIENTS) {
    const list = await call(dispatch, 'appointment.list', { nhsNumber, odsCode: PRACTICE });
    if (!list.ok) throw new Error(`could not list ${nhsNumber}'s appointments: ${list.error.code}`);
    for (const a of list.value.appointments) {
      if (a.cancelled || !a.description.startsWith('Soak booking ')) continue;
      descriptions.set(a.description, (descriptions.get(a.description) ?? 0) + 1);
      for (const id of a.slotIds) slots.set(id, (slots.get(id) ?? 0) + 1);
    }
  }
  const over = (m: Map<string, number>) => [...m.values()].reduce((n, c) => n + Math.max(0, c - 1), 0);
  return {
    duplicates: over(descriptions) + over(slots),
    missing: confirmed.filter((d) => !descriptions.has(d)).length,
  };
}

/** The i-th interaction of the mix: traces and record reads dominate, as in a clinic; 'book' is `bookOnce`. */
function interaction(i: number): Call | 'book' {
  const nhsNumber = PATIENTS[i % PATIENTS.length] ?? PATIENTS[0];
  const only = process.env['SOAK_ONLY'];
  const kinds = only?.split(',').map(Number);
  switch (kinds ? (kinds[i % kinds.length] ?? 0) : i % 7) {
    case 0:
      return { channel: 'patient.trace', input: { nhsNumber } };
    case 1:
    case 2:
      return { channel: 'record.html', input: { nhsNumber, section: i % 12 === 1 ? 'SUM' : 'MED' } };
    case 3:
      return { channel: 'record.structured', input: { nhsNumber } };
    case 4:
      return { channel: 'slots.search', input: { odsCode: 'A20047', start: '2026-12-01', end: '2026-12-07' } };
    case 6:
      return 'book';
    default:
      return { channel: 'patient.lookup', input: { nhsNumber } };
  }
}

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  let unhandledRejections = 0;
  const onUnhandled = () => (unhandledRejections += 1);
  process.on('unhandledRejection', onUnhandled);
  const demo = await startChildDemonstrator();
  let live: LiveServices | undefined;
  // The real audit trail (hash-chained, fsync'd), counted on the way in: a failure must leave a failure record.
  const trail = await openAuditService({
    directory: mkdtempSync(path.join(tmpdir(), 'gpc-soak-audit-')),
    currentUser: () => SOAK_USER,
    log: () => undefined,
  });
  let failureRecords = 0;
  const audit: AuditService = {
    ...trail,
    record: (event) => {
      if (event.outcome === 'failure') failureRecords += 1;
      return trail.record(event);
    },
  };
  try {
    const config = loadWorkstationConfig({ file: demo.configFile });
    if (config.mode !== 'live') throw new Error('the demonstrator writes a live configuration');
    live = await createLiveServices(config, {
      product: { name: 'GP Connect Workstation', version: 'soak' },
      today: () => '2026-11-25',
      overrides: { timeoutMs: options.timeoutMs },
      onExchange: (exchange) => void audit.record(interactionEvent(exchange)).catch(() => undefined),
    });
    const handlers = createHandlers({
      appName: 'GP Connect Workstation',
      version: 'soak',
      mode: 'live',
      live,
      audit,
    });
    const dispatch: Dispatch = createDispatcher(handlers, { error: () => undefined });
    const failureCodes: Record<string, number> = {};
    let failures = 0;
    let untyped = 0;
    const unaudited: string[] = [];
    const booking = { attempts: 0, recovered: 0, confirmed: [] as string[] };
    const faultEvery = 10;
    // Warm after every fault and every channel has been seen twice (code paths loaded, compiled and their caches
    // filled), and never before 20 % of the run.
    const warmAt = Math.max(2 * faultEvery * FAULTS.length, Math.floor(options.interactions / 5));
    let heapWarm = 0;
    let resourcesWarm: Record<string, number> = {};
    const heapCheckpoints: number[] = [];
    for (let i = 0; i < options.interactions; i += 1) {
      if (i % faultEvery === 0) await setFault(demo, FAULTS[(i / faultEvery) % FAULTS.length] ?? 'none');
      if (i === warmAt) {
        heapWarm = settledHeap();
        resourcesWarm = resources();
      } else if (i > warmAt && i % (faultEvery * FAULTS.length) === 0) {
        heapCheckpoints.push(settledHeap());
      }
      const step = interaction(i);
      const auditedBefore = failureRecords;
      const result =
        step === 'book'
          ? await bookOnce(dispatch, i, booking)
          : shown(await dispatch(step.channel, step.input, { host: 'cli' }));
      if (!result.ok) {
        failures += 1;
        failureCodes[result.code] = (failureCodes[result.code] ?? 0) + 1;
        if (!result.message) untyped += 1;
        if (failureRecords === auditedBefore) unaudited.push(`${i}: ${result.code}`);
      } else if (result.empty) {
        untyped += 1;
      }
      options.onProgress?.(i + 1);
    }
    await setFault(demo, 'none');
    const held = await bookingsHeld(dispatch, booking.confirmed);
    // Let aborted sockets finish closing before counting what is still open.
    await new Promise((r) => setTimeout(r, 200));
    const chain = await trail.verify();
    return {
      interactions: options.interactions,
      failures,
      failureCodes,
      untyped,
      heapWarm,
      heapEnd: settledHeap(),
      heapCheckpoints,
      resourcesWarm,
      resourcesEnd: resources(),
      unhandledRejections,
      bookings: {
        attempts: booking.attempts,
        confirmed: booking.confirmed.length,
        recovered: booking.recovered,
        ...held,
      },
      unaudited: unaudited.length,
      unauditedExamples: unaudited.slice(0, 5),
      auditRecords: chain.records,
      auditChainBreaks: chain.breaks.length,
    };
  } finally {
    process.off('unhandledRejection', onUnhandled);
    await live?.close();
    await demo.stop();
    await trail.close();
  }
}
