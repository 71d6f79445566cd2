import { z } from 'zod';
import type { InteractionRoute } from '../interactions';
import { interactionById } from '../interactions';
import { gpcError } from '../operation-outcome';
import type { Checked } from './result';
import { pass, reject } from './result';

/**
 * The provider's check of the four Spine headers (SPEC §2). SSP has already vouched for the sender when the call came
 * through it; a provider called directly checks the same four headers, so both paths agree.
 */
export interface SspHeaders {
  readonly traceId: string;
  readonly from: string;
  readonly to: string;
  readonly interaction: InteractionRoute;
}

const asid = z.string().regex(/^[0-9]{12}$/, 'an ASID is 12 digits');

function single(value: string | string[] | undefined): string | undefined {
  // Node joins repeated headers with ", "; a repeated Spine header is as wrong as a missing one.
  return Array.isArray(value) ? undefined : value;
}

export function checkSspHeaders(
  headers: Readonly<Record<string, string | string[] | undefined>>,
  expected: {
    readonly providerAsid: string;
    /** The interactions the verb and path can be (amend and cancel share both). */
    readonly candidates: readonly InteractionRoute[];
  },
): Checked<SspHeaders> {
  const bad = (message: string) => reject(gpcError('BAD_REQUEST', message));

  const traceId = single(headers['ssp-traceid']);
  if (traceId === undefined || traceId === '') return bad('Ssp-TraceID header is missing');
  if (!z.uuid().safeParse(traceId).success) return bad(`Ssp-TraceID must be a UUID, not "${traceId.slice(0, 60)}"`);

  const from = single(headers['ssp-from']);
  if (from === undefined || from === '') return bad('Ssp-From header is missing');
  if (!asid.safeParse(from).success) return bad('Ssp-From must be the consumer ASID (12 digits)');

  const to = single(headers['ssp-to']);
  if (to === undefined || to === '') return bad('Ssp-To header is missing');
  if (to !== expected.providerAsid) return bad(`Ssp-To "${to.slice(0, 20)}" is not the ASID of this provider`);

  const interactionId = single(headers['ssp-interactionid']);
  if (interactionId === undefined || interactionId === '') return bad('Ssp-InteractionID header is missing');
  const interaction = interactionById(interactionId);
  if (!interaction) return bad(`Ssp-InteractionID "${interactionId.slice(0, 100)}" is not a known interaction`);
  if (!expected.candidates.some((c) => c.id === interaction.id)) {
    return bad(`Ssp-InteractionID ${interactionId} does not match the HTTP verb and path of the request`);
  }
  return pass({ traceId, from, to, interaction });
}
