import { FHIR_JSON_STU3 } from './http-reply';
import type { Reply } from './http-reply';
import { INTERACTION_PREFIX } from './interactions';
import { gpcError, sspError } from './operation-outcome';
import type { ProviderState } from './provider/provider-state';
import type { ScenarioControl } from './scenarios';
import { DEFAULT_SLOW_MS } from './scenarios';

/**
 * Where the active scenarios bend a provider call: before it (answer instead, never answer, or change the world the
 * call will find) and after it (answer late, or drop the connection once a booking is committed).
 */
export interface ProviderCallFacts {
  readonly odsCode: string;
  readonly via: 'ssp' | 'provider';
  readonly serviceRoot: string;
  /** As sent; the provider validates it afterwards. */
  readonly interactionId: string | undefined;
  /** `Ssp-From` and `Ssp-To` as sent (SSP's refusals name them). */
  readonly from: string;
  readonly to: string;
  readonly path: string;
  readonly body: Buffer;
  readonly state: ProviderState;
}

export type Injection = { readonly kind: 'reply'; readonly reply: Reply } | { readonly kind: 'hang' } | undefined;

const BOOK = `${INTERACTION_PREFIX}fhir:rest:create:appointment-1`;
const AMEND = `${INTERACTION_PREFIX}fhir:rest:update:appointment-1`;
const CANCEL = `${INTERACTION_PREFIX}fhir:rest:cancel:appointment-1`;

const asReply = (e: { status: number; body: Record<string, unknown>; code: string }): Reply => ({
  status: e.status,
  body: e.body,
  contentType: FHIR_JSON_STU3,
  errorCode: e.code,
});

/** The slot references of a booking body, if it parses. */
function bookedSlots(body: Buffer): string[] {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { slot?: { reference?: unknown }[] };
    return (parsed.slot ?? []).flatMap((s) =>
      typeof s.reference === 'string' && s.reference.startsWith('Slot/') ? [s.reference.slice(5)] : [],
    );
  } catch {
    return [];
  }
}

export function beforeProvider(control: ScenarioControl, call: ProviderCallFacts): Injection {
  const on = (name: Parameters<ScenarioControl['find']>[0]) => control.find(name, call.odsCode) !== undefined;
  if (on('timeout')) return { kind: 'hang' };
  const unreachable = control.find('http-502', call.odsCode);
  if (unreachable || (call.interactionId === BOOK && on('lost-booking'))) {
    if (unreachable) control.spend(unreachable);
    const reason = `ERROR_COMMUNICATING_TO_ENDPOINT_URL_${call.serviceRoot}`;
    return {
      kind: 'reply',
      reply: asReply(
        call.via === 'ssp'
          ? sspError(502, 'transient', reason, '00000000-0000-4000-8000-000000000502')
          : gpcError('BAD_GATEWAY', reason),
      ),
    };
  }
  if (call.via === 'ssp' && on('no-sharing-agreement')) {
    return {
      kind: 'reply',
      reply: asReply(
        sspError(
          403,
          'forbidden',
          `FOT_CHECK_FAILED_MESSAGESENDER_${call.from.slice(0, 20)}_MESSAGERECEIVER_${call.to.slice(0, 20)}`,
          '00000000-0000-4000-8000-000000000403',
        ),
      ),
    };
  }
  if (on('gp-connect-disabled')) {
    return { kind: 'reply', reply: asReply(gpcError('ACCESS DENIED', `GP Connect is not enabled at ${call.odsCode}`)) };
  }
  if (on('http-500')) {
    return {
      kind: 'reply',
      reply: asReply(gpcError('INTERNAL_SERVER_ERROR', 'the practice system failed (injected)')),
    };
  }
  const book = call.state.books.get(call.odsCode);
  if (book && call.interactionId === BOOK && on('slot-taken')) {
    // Another consumer got there first.
    for (const id of bookedSlots(call.body)) {
      const slot = book.slots.get(id);
      if (slot) slot.status = 'busy';
    }
  }
  if (book && (call.interactionId === AMEND || call.interactionId === CANCEL) && on('stale-if-match')) {
    const id = /^\/Appointment\/([A-Za-z0-9.-]{1,64})$/.exec(call.path)?.[1];
    const appointment = id === undefined ? undefined : book.appointments.get(id);
    // Someone else saved a change: the consumer's If-Match now names an old version.
    if (appointment) {
      appointment.version += 1;
      appointment.resource = {
        ...appointment.resource,
        meta: { ...(appointment.resource['meta'] as object), versionId: String(appointment.version) },
      };
    }
  }
  return undefined;
}

export function afterProvider(
  control: ScenarioControl,
  call: { readonly odsCode: string; readonly interactionId: string | undefined; readonly status: number },
): { readonly delayMs: number; readonly drop: boolean } {
  const slow = control.find('slow-practice', call.odsCode);
  const drop = call.interactionId === BOOK && call.status === 201 && !!control.find('drop-after-booking', call.odsCode);
  return { delayMs: slow ? (slow.value ?? DEFAULT_SLOW_MS) : 0, drop };
}
