import { z } from 'zod';
import { INTERACTIONS } from '../../gpconnect/interactions';
import type { InteractionName } from '../../gpconnect/interactions';
import type { ContractFragment } from '../contract-kit';
import { channel, nothing, odsCodeInput } from '../contract-kit';
import type { EXPLORER_CHANNELS } from './explorer.channels';

/** Which service a request went to. */
export type ExchangeKind = 'ssp' | 'pds' | 'sds' | 'other';

/** One request of this session, as the explorer lists it (NHS numbers masked unless unmasked). */
export interface ExplorerExchangeSummary {
  readonly id: string;
  readonly kind: ExchangeKind;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly method: string;
  readonly url: string;
  readonly interactionId?: string;
  readonly status?: number;
  readonly error?: string;
}

export interface ExplorerHeader {
  readonly name: string;
  readonly value: string;
}

/** One request with its answer, secrets removed; the JWT decoded (header and claims as pretty JSON). */
export interface ExplorerExchangeDetail extends ExplorerExchangeSummary {
  readonly requestHeaders: readonly ExplorerHeader[];
  readonly requestBody?: string;
  readonly jwt?: { readonly header: string; readonly claims: string };
  readonly responseHeaders: readonly ExplorerHeader[];
  readonly responseBody?: string;
  /** The body was longer than the explorer keeps or shows; what is shown is the start. */
  readonly bodyTruncated: boolean;
  /** The request as a `curl` command (certificate and key as placeholders). */
  readonly curl: string;
}

export interface ExplorerSession {
  readonly masked: boolean;
  readonly capacity: number;
  /** Older requests dropped to stay within capacity. */
  readonly dropped: number;
  readonly exchanges: readonly ExplorerExchangeSummary[];
}

export interface ExplorerSendResult {
  /** The exchanges the request caused (SDS look-ups, a retry, the request itself), oldest first. */
  readonly exchangeIds: readonly string[];
  readonly status?: number;
  /** The GP Connect / Spine error code when the provider refused. */
  readonly errorCode?: string;
}

export interface ExplorerExport {
  readonly filename: string;
  readonly masked: boolean;
  readonly text: string;
}

const interactionName = z.enum(Object.keys(INTERACTIONS) as [InteractionName, ...InteractionName[]]);

export const explorerContract = {
  'explorer.session': channel<ExplorerSession>()({
    summary: 'Every request the workstation made this session, newest last',
    input: nothing,
    errors: ['EXPLORER_DISABLED'],
  }),
  'explorer.exchange': channel<ExplorerExchangeDetail>()({
    summary: 'One request and its answer in full, with the decoded JWT and a curl command',
    input: z.object({ id: z.string().regex(/^x\d{1,9}$/, 'must be an exchange id') }).strict(),
    errors: ['EXPLORER_DISABLED', 'EXCHANGE_NOT_FOUND'],
  }),
  'explorer.unmask': channel<{ readonly masked: false }>()({
    summary: 'Show NHS numbers in full in the explorer; the reason is written to the audit trail',
    input: z
      .object({
        reason: z
          .string()
          .trim()
          .min(10, 'Give a reason of at least 10 characters')
          .max(200, 'The reason must be 200 characters or fewer'),
      })
      .strict(),
    errors: ['EXPLORER_DISABLED'],
  }),
  'explorer.mask': channel<{ readonly masked: true }>()({
    summary: 'Mask NHS numbers in the explorer again',
    input: nothing,
    errors: ['EXPLORER_DISABLED'],
  }),
  'explorer.send': channel<ExplorerSendResult>()({
    summary: 'Send one GP Connect interaction by hand through the same client, JWT, SSP headers and TLS',
    input: z
      .object({
        interaction: interactionName,
        odsCode: odsCodeInput,
        path: z
          .string()
          .min(1, 'Enter the request path')
          .max(2000, 'The path is too long')
          .refine((p) => !/^[a-z]+:\/\//i.test(p) && !p.startsWith('/'), {
            message: 'The path is relative to the service root, e.g. Patient/1',
          }),
        body: z.string().max(60_000, 'The body is too long').optional(),
        ifMatch: z.string().max(100).optional(),
      })
      .strict(),
    errors: ['EXPLORER_DISABLED', 'SPINE_ERROR'],
  }),
  'explorer.export': channel<ExplorerExport>()({
    summary: 'The session as a Postman v2.1 collection, or one request as curl',
    input: z.union([
      z.object({ format: z.literal('postman') }).strict(),
      z.object({ format: z.literal('curl'), id: z.string().regex(/^x\d{1,9}$/, 'must be an exchange id') }).strict(),
    ]),
    errors: ['EXPLORER_DISABLED', 'EXCHANGE_NOT_FOUND'],
  }),
} as const satisfies ContractFragment<(typeof EXPLORER_CHANNELS)[number]>;
