import type { ContractFragment } from '../contract-kit';
import { channel, nothing } from '../contract-kit';
import type { ADMIN_CHANNELS } from './admin.channels';

export type DiagnosticVerdict = 'pass' | 'warn' | 'fail';

export interface DiagnosticCheck {
  readonly check: string;
  readonly verdict: DiagnosticVerdict;
  readonly detail: string;
}

/** The `gpc doctor` checks run by the app, and a plain-text report to paste to a service desk. */
export interface DiagnosticsReport {
  readonly generatedAt: string;
  readonly checks: readonly DiagnosticCheck[];
  readonly passed: boolean;
  /** No secrets (keys, API keys, PINs), no patient data. */
  readonly text: string;
}

export const adminContract = {
  'admin.diagnostics': channel<DiagnosticsReport>()({
    summary: 'Check configuration, endpoint certificate, chain, clock skew and reach of SSP, PDS and SDS',
    input: nothing,
    errors: ['NOT_AVAILABLE'],
  }),
} as const satisfies ContractFragment<(typeof ADMIN_CHANNELS)[number]>;
