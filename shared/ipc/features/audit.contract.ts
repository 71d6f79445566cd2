import { z } from 'zod';
import type { AuditChainStatus, AuditQueryResult } from '../../audit/audit-record';
import type { ContractFragment } from '../contract-kit';
import { calendarDate, channel, nhsNumberInput, nothing } from '../contract-kit';
import type { AUDIT_CHANNELS } from './audit.channels';

/** Whether this user may open the viewer and, for those who may, the chain's state (the admin banner). */
export interface AuditStatus {
  readonly mayView: boolean;
  /** Only for admins. */
  readonly chain?: AuditChainStatus;
}

export interface AuditCsvExport {
  readonly filename: string;
  /**
   * RFC 4180 CSV, formula-safe (see `shared/audit/audit-csv.ts`), for the renderer to download; empty when the host
   * saved it itself (`savedByHost`).
   */
  readonly csv: string;
  readonly rows: number;
  /** Present where the host has a save dialog (the desktop app): whether the user saved the file or cancelled. */
  readonly savedByHost?: boolean;
}

/** The viewer's filter: every field optional. */
export const auditFilterInput = z
  .object({
    user: z.string().trim().max(100, 'user must be at most 100 characters').optional(),
    nhsNumber: nhsNumberInput.optional(),
    from: calendarDate.optional(),
    to: calendarDate.optional(),
    outcome: z.enum(['success', 'failure']).optional(),
    limit: z.number().int().min(1).max(5000).optional(),
  })
  .strict()
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: 'to must not be before from', path: ['to'] });

export const auditContract = {
  'audit.status': channel<AuditStatus>()({
    summary: 'Whether the audit trail may be viewed, and (for admins) whether its chain verified',
    input: nothing,
    errors: [],
  }),
  'audit.search': channel<AuditQueryResult>()({
    summary: 'Audit records by user, patient, date range and outcome, newest first (local admins)',
    input: auditFilterInput,
    errors: ['NOT_AUTHORISED', 'AUDIT_UNAVAILABLE'],
  }),
  'audit.export': channel<AuditCsvExport>()({
    summary: 'The matching audit records as CSV (local admins; the export is itself audited)',
    input: auditFilterInput,
    errors: ['NOT_AUTHORISED', 'AUDIT_UNAVAILABLE'],
  }),
  'audit.verify': channel<AuditChainStatus>()({
    summary: 'Verify the whole audit chain now (local admins)',
    input: nothing,
    errors: ['NOT_AUTHORISED'],
  }),
} as const satisfies ContractFragment<(typeof AUDIT_CHANNELS)[number]>;
