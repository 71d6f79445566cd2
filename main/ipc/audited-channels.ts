import type { AuditAction, AuditActionEvent } from '../../shared/audit/audit-record';
import type { ChannelName } from '../../shared/ipc/channels';
import type { ChannelOutput, HandlerInput } from '../../shared/ipc/contract';
import { withAuditScope } from '../audit/audit-scope';
import { SpineError } from '../spine/spine-error';
import { auditCode } from './audit-code';
import type { Handler, HandlerTable } from './handler-table';

type Details<K extends ChannelName> = (
  input: HandlerInput<K>,
  output: ChannelOutput<K>,
) => Pick<AuditActionEvent, 'odsCode' | 'traceId' | 'target'>;

interface AuditedChannel<K extends ChannelName> {
  readonly action: Exclude<AuditAction, 'interaction'>;
  /** What the answer adds to the record (practice, trace id); metadata only. */
  readonly details?: Details<K>;
}

/**
 * Channels that touch patient data and whose handlers do not audit themselves: each call gets one action record,
 * successful or failed, written (fsync'd) before the answer goes back. A feature whose handler calls `kit.audit`
 * with richer detail (as `record.html` does) stays out of this list, so nothing is recorded twice.
 */
const AUDITED: { readonly [K in ChannelName]?: AuditedChannel<K> } = {
  'patient.lookup': {
    action: 'trace',
    details: (_in, patient) => optional({ odsCode: patient.registeredPractice?.odsCode }),
  },
  'patient.trace': {
    action: 'trace',
    details: (_in, trace) => optional({ odsCode: trace.patient.registeredPractice?.odsCode }),
  },
  // record.structured, record.html, record.print and the booking channels audit themselves (the practice, trace IDs
  // and refusals before any call are only known inside them).
  'slots.search': {
    action: 'search-slots',
    details: (input) => ({ odsCode: input.odsCode, target: `${input.start}..${input.end}` }),
  },
  // The clinician's search across practices: one record for the search (each practice's answer is an interaction).
  'slots.searchStart': {
    action: 'search-slots',
    details: (input) => ({
      ...(input.practices.length === 1 && input.practices[0] ? { odsCode: input.practices[0] } : {}),
      target: `${input.from}..${input.to} at ${input.practices.join(' ')}`,
    }),
  },
};

function optional(fields: { odsCode?: string | undefined }): { odsCode?: string } {
  return fields.odsCode ? { odsCode: fields.odsCode } : {};
}

function nhsNumberOf(input: unknown): string | undefined {
  if (typeof input !== 'object' || input === null || !('nhsNumber' in input)) return undefined;
  return typeof input.nhsNumber === 'string' ? input.nhsNumber : undefined;
}

function wrap<K extends ChannelName>(
  channel: K,
  handler: Handler<K>,
  audit: (event: AuditActionEvent) => Promise<void>,
): Handler<K> {
  const audited = AUDITED[channel] as AuditedChannel<K> | undefined;
  return (input, ctx) => {
    const nhsNumber = nhsNumberOf(input);
    const patient = nhsNumber ? { nhsNumber } : {};
    // Every call runs in a scope naming its patient, so the interaction records it causes name them too.
    return withAuditScope({ channel, ...patient }, async () => {
      if (!audited) return handler(input, ctx);
      let output: ChannelOutput<K>;
      try {
        output = await handler(input, ctx);
      } catch (err) {
        const traceId = err instanceof SpineError ? err.failure.traceId : undefined;
        await audit({
          action: audited.action,
          outcome: 'failure',
          ...patient,
          errorCode: auditCode(err),
          ...(traceId ? { traceId } : {}),
        });
        throw err;
      }
      await audit({ action: audited.action, outcome: 'success', ...patient, ...audited.details?.(input, output) });
      return output;
    });
  };
}

/** The handler table with the audit around every patient-data channel (see `AUDITED`). */
export function auditedHandlers(table: HandlerTable, audit: (event: AuditActionEvent) => Promise<void>): HandlerTable {
  const out: Partial<Record<ChannelName, unknown>> = {};
  for (const channel of Object.keys(table) as ChannelName[]) {
    out[channel] = wrap(channel, table[channel] as Handler<typeof channel>, audit);
  }
  return out as HandlerTable;
}
