import { ADMIN_CHANNELS } from './features/admin.channels';
import { APP_CHANNELS } from './features/app.channels';
import { APPOINTMENT_CHANNELS } from './features/appointments.channels';
import { AUDIT_CHANNELS } from './features/audit.channels';
import { EXPLORER_CHANNELS } from './features/explorer.channels';
import { PATIENT_CHANNELS } from './features/patient.channels';
import { RECORD_HTML_CHANNELS } from './features/record-html.channels';
import { RECORD_PRINT_CHANNELS } from './features/record-print.channels';
import { RECORD_STRUCTURED_CHANNELS } from './features/record-structured.channels';
import { SESSION_CHANNELS } from './features/session.channels';

/**
 * The channel names, kept apart from their zod schemas so the preload and the preview shim can generate
 * `window.gpc` without bundling zod. `contract.ts` must define exactly these (the compiler checks it).
 * Names are verbs a clinician would recognise: `group.action`. Each feature lists its own in `features/`.
 */
export const CHANNELS = [
  ...APP_CHANNELS,
  ...PATIENT_CHANNELS,
  ...RECORD_HTML_CHANNELS,
  ...RECORD_PRINT_CHANNELS,
  ...RECORD_STRUCTURED_CHANNELS,
  ...APPOINTMENT_CHANNELS,
  ...SESSION_CHANNELS,
  ...AUDIT_CHANNELS,
  ...EXPLORER_CHANNELS,
  ...ADMIN_CHANNELS,
] as const;

export type ChannelName = (typeof CHANNELS)[number];

export function isChannelName(value: unknown): value is ChannelName {
  return typeof value === 'string' && (CHANNELS as readonly string[]).includes(value);
}

/** Upper bound on one request's JSON size; far above any real input, far below anything that could hurt main. */
export const MAX_INPUT_BYTES = 64 * 1024;

/** The one Electron IPC channel the preload invokes; the contract channel name travels as its first argument. */
export const IPC_INVOKE_CHANNEL = 'gpc:invoke';
