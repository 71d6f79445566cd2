import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
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
import type { ChannelInput } from '../../shared/ipc/contract';

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
}

const ALL_FAULTS = ['none', 'http-502', 'timeout', 'none', 'http-500', 'gp-connect-disabled'] as const;
const FAULTS: readonly (typeof ALL_FAULTS)[number][] = process.env['SOAK_FAULTS']
  ? ALL_FAULTS.filter((f) => process.env['SOAK_FAULTS']?.split(',').includes(f))
  : ALL_FAULTS;

const PATIENTS = ['9658218873', '9658218865', '9324926233', '9658220169', '9658220142'] as const;

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

/** The i-th interaction of the mix: traces and record reads dominate, as in a clinic. */
function interaction(i: number): Call {
  const nhsNumber = PATIENTS[i % PATIENTS.length] ?? PATIENTS[0];
  const only = process.env['SOAK_ONLY'];
  const kinds = only?.split(',').map(Number);
  switch (kinds ? (kinds[i % kinds.length] ?? 0) : i % 6) {
    case 0:
      return { channel: 'patient.trace', input: { nhsNumber } };
    case 1:
    case 2:
      return { channel: 'record.html', input: { nhsNumber, section: i % 12 === 1 ? 'SUM' : 'MED' } };
    case 3:
      return { channel: 'record.structured', input: { nhsNumber } };
    case 4:
      return { channel: 'slots.search', input: { odsCode: 'A20047', start: '2026-12-01', end: '2026-12-07' } };
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
  try {
    const config = loadWorkstationConfig({ file: demo.configFile });
    if (config.mode !== 'live') throw new Error('the demonstrator writes a live configuration');
    live = await createLiveServices(config, {
      product: { name: 'GP Connect Workstation', version: 'soak' },
      today: () => '2026-11-25',
      overrides: { timeoutMs: options.timeoutMs },
    });
    const handlers = createHandlers({ appName: 'GP Connect Workstation', version: 'soak', mode: 'live', live });
    const dispatch: Dispatch = createDispatcher(handlers, { error: () => undefined });
    const failureCodes: Record<string, number> = {};
    let failures = 0;
    let untyped = 0;
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
      const { channel, input } = interaction(i);
      const result = await dispatch(channel, input, { host: 'cli' });
      if (!result.ok) {
        failures += 1;
        const code = result.error.spine ? `${result.error.code} ${result.error.spine.code}` : result.error.code;
        failureCodes[code] = (failureCodes[code] ?? 0) + 1;
        if (!result.error.message) untyped += 1;
      } else if (result.value === undefined) {
        untyped += 1;
      }
      options.onProgress?.(i + 1);
    }
    await setFault(demo, 'none');
    // Let aborted sockets finish closing before counting what is still open.
    await new Promise((r) => setTimeout(r, 200));
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
    };
  } finally {
    process.off('unhandledRejection', onUnhandled);
    await live?.close();
    await demo.stop();
  }
}
