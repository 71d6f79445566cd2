/**
 * The channel names, kept apart from their zod schemas so the preload and the preview shim can generate
 * `window.gpc` without bundling zod. `contract.ts` must define exactly these (the compiler checks it).
 * Names are verbs a clinician would recognise: `group.action`.
 */
export const CHANNELS = [
  'app.info',
  'patient.lookup',
  'patient.trace',
  'record.structured',
  'record.html',
  'slots.search',
] as const;

export type ChannelName = (typeof CHANNELS)[number];

export function isChannelName(value: unknown): value is ChannelName {
  return typeof value === 'string' && (CHANNELS as readonly string[]).includes(value);
}

/** Upper bound on one request's JSON size; far above any real input, far below anything that could hurt main. */
export const MAX_INPUT_BYTES = 64 * 1024;

/** The one Electron IPC channel the preload invokes; the contract channel name travels as its first argument. */
export const IPC_INVOKE_CHANNEL = 'gpc:invoke';
