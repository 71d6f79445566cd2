import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { PracticeRecord } from '../data/practices';
import { consumerByAsid, sharesWith } from '../data/practices';
import { FHIR_JSON_STU3 } from '../http-reply';
import type { Reply } from '../http-reply';
import type { RootKind } from '../interactions';
import { sspError } from '../operation-outcome';
import type { SdsRegistry } from './sds-registry';
import { receiverFor } from './sds-registry';

/**
 * The Spine Secure Proxy's own checks (SPEC §1.2, §8.4) before it forwards `https://ssp/<service root>/<request>`:
 * the sender ASID is a known consumer, the receiver ASID is registered for the interaction, the two have a
 * data-sharing agreement, and the target URL is exactly the service root SDS holds for that receiver. The provider
 * then checks the request itself.
 */
export interface SspRoute {
  readonly practice: PracticeRecord;
  readonly rootKind: RootKind;
  readonly serviceRoot: string;
  /** The FHIR request after the root: path and raw query. */
  readonly path: string;
  readonly query: string;
}

const ALLOWED_METHODS = new Set(['GET', 'POST', 'PUT']);

function sspReply(error: ReturnType<typeof sspError>): Reply {
  return { status: error.status, body: error.body, contentType: FHIR_JSON_STU3, errorCode: error.code };
}

function header(headers: IncomingHttpHeaders, name: string): string {
  const value = headers[name];
  return typeof value === 'string' ? value : '';
}

/** Splits `https://host:port/ODS/STU3/1/gpconnect/Patient?x=y` at a registered root, only on a segment boundary. */
export function matchServiceRoot(
  target: string,
  registry: SdsRegistry,
): { root: SdsRegistry['roots'][number]; path: string; query: string } | undefined {
  for (const root of registry.roots) {
    if (!target.startsWith(root.root)) continue;
    const rest = target.slice(root.root.length);
    if (rest !== '' && !rest.startsWith('/') && !rest.startsWith('?')) continue;
    const q = rest.indexOf('?');
    return { root, path: q < 0 ? rest : rest.slice(0, q), query: q < 0 ? '' : rest.slice(q + 1) };
  }
  return undefined;
}

export function routeThroughSsp(
  method: string,
  target: string,
  headers: IncomingHttpHeaders,
  registry: SdsRegistry,
): { ok: true; route: SspRoute } | { ok: false; reply: Reply } {
  const id = randomUUID().toUpperCase();
  const fail = (status: 400 | 403 | 405, issue: string, display: string) => ({
    ok: false as const,
    reply: sspReply(sspError(status, issue, display, id)),
  });
  if (!ALLOWED_METHODS.has(method)) return fail(405, 'not-supported', '405: Method Not Allowed');

  const from = header(headers, 'ssp-from');
  const consumer = consumerByAsid(from);
  if (!consumer) return fail(403, 'forbidden', `ASID_CHECK_FAILED_MESSAGESENDER_${from.slice(0, 20)}`);

  const to = header(headers, 'ssp-to');
  const interactionId = header(headers, 'ssp-interactionid');
  const receiver = receiverFor(registry, to, interactionId);
  if (!receiver) return fail(403, 'forbidden', `PARTYKEY_INTERACTION_CHECK_FAILED_MESSAGERECEIVER_${to.slice(0, 20)}`);
  if (!sharesWith(consumer, receiver.practice)) {
    return fail(403, 'forbidden', `FOT_CHECK_FAILED_MESSAGESENDER_${from}_MESSAGERECEIVER_${to}`);
  }

  const match = matchServiceRoot(target, registry);
  if (!match || match.root.root !== receiver.address) {
    const targetRoot = match?.root.root ?? target.split('?')[0]?.slice(0, 200) ?? '';
    return fail(
      400,
      'invalid',
      `ENDPOINT_${receiver.address}_CPAID_${receiver.cpaId}_VARIES_FROM_TARGETURL_${targetRoot}`,
    );
  }
  return {
    ok: true,
    route: {
      practice: match.root.practice,
      rootKind: match.root.kind,
      serviceRoot: match.root.root,
      path: match.path,
      query: match.query,
    },
  };
}
