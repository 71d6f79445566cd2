import type { AuditChainStatus } from '../../shared/audit/audit-record';
import type { DiagnosticCheck, DiagnosticsReport } from '../../shared/ipc/features/admin.contract';
import { formatDoctor } from '../cli/doctor';

export interface ReportContext {
  readonly appName: string;
  readonly version: string;
  readonly mode: string;
  readonly host: string;
  readonly consumer: { readonly asid: string; readonly odsCode: string };
  readonly audit?: AuditChainStatus;
  readonly now: Date;
}

function auditLine(status: AuditChainStatus | undefined): string {
  if (!status) return 'not configured';
  if (status.writeFailure) return `CANNOT WRITE (${status.writeFailure})`;
  if (status.breaks.length > 0) return `CHAIN BROKEN: ${status.breaks.length} problem(s), first: ${status.breaks[0]}`;
  return `chain verified (${status.records} records at ${status.verifiedAt})`;
}

/**
 * The doctor's checks as a service desk wants them pasted into a ticket: what the workstation is, where it points
 * (consumer ASID and ODS code; no keys, no API key, no patient data), then one line per check as `gpc doctor` prints.
 */
export function diagnosticsReport(checks: readonly DiagnosticCheck[], ctx: ReportContext): DiagnosticsReport {
  const passed = !checks.some((c) => c.verdict === 'fail');
  const text = [
    `${ctx.appName} diagnostics`,
    `generated   ${ctx.now.toISOString()}`,
    `version     ${ctx.version} (${ctx.mode} mode, ${ctx.host} host)`,
    `platform    ${process.platform} ${process.arch}, Node ${process.versions.node}${process.versions['electron'] ? `, Electron ${process.versions['electron']}` : ''}`,
    `consumer    ASID ${ctx.consumer.asid}, ODS ${ctx.consumer.odsCode}`,
    `audit       ${auditLine(ctx.audit)}`,
    '',
    formatDoctor(checks),
    '',
  ].join('\n');
  return { generatedAt: ctx.now.toISOString(), checks, passed, text };
}
