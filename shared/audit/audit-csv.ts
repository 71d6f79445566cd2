import type { AuditRecord } from './audit-record';

/**
 * Audit records as CSV for an admin to open in a spreadsheet: RFC 4180 quoting (every field quoted, quotes doubled,
 * CRLF line ends), and formula-safe: a cell starting with `=`, `+`, `-`, `@`, tab or carriage return gets a leading
 * apostrophe, so a value crafted upstream (a trace id, an error code) cannot run as a formula (OWASP CSV injection).
 */
export const AUDIT_CSV_COLUMNS = [
  ['seq', (r) => String(r.seq)],
  ['time', (r) => r.at],
  ['action', (r) => r.action],
  ['outcome', (r) => r.outcome],
  ['user SDS ID', (r) => r.user?.sdsUserId],
  ['user name', (r) => r.user?.name],
  ['role profile', (r) => r.user?.roleProfileId],
  ['organisation', (r) => r.user?.organisation],
  ['NHS number', (r) => r.nhsNumber],
  ['target', (r) => ('target' in r ? r.target : undefined)],
  ['interaction ID', (r) => ('interactionId' in r ? r.interactionId : undefined)],
  ['Ssp-TraceID', (r) => r.traceId],
  ['Ssp-From', (r) => ('from' in r ? r.from : undefined)],
  ['Ssp-To', (r) => ('to' in r ? r.to : undefined)],
  ['ODS code', (r) => r.odsCode],
  ['HTTP status', (r) => ('httpStatus' in r && r.httpStatus !== undefined ? String(r.httpStatus) : undefined)],
  ['error code', (r) => r.errorCode],
  ['JWT practitioner', (r) => ('jwt' in r ? r.jwt?.practitionerSdsUserId : undefined)],
  ['JWT role profile', (r) => ('jwt' in r ? r.jwt?.practitionerRoleProfileId : undefined)],
  ['JWT organisation', (r) => ('jwt' in r ? r.jwt?.organisationOdsCode : undefined)],
  ['JWT reason', (r) => ('jwt' in r ? r.jwt?.reasonForRequest : undefined)],
  ['JWT scope', (r) => ('jwt' in r ? r.jwt?.requestedScope : undefined)],
  ['JWT issued', (r) => ('jwt' in r ? r.jwt?.issuedAt : undefined)],
  ['note', (r) => ('note' in r ? r.note : undefined)],
  ['hash', (r) => r.hash],
] as const satisfies readonly (readonly [string, (r: AuditRecord) => string | undefined])[];

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | undefined): string {
  const text = value ?? '';
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function auditCsv(records: readonly AuditRecord[]): string {
  const header = AUDIT_CSV_COLUMNS.map(([name]) => csvCell(name)).join(',');
  const rows = records.map((r) => AUDIT_CSV_COLUMNS.map(([, get]) => csvCell(get(r))).join(','));
  return `${[header, ...rows].join('\r\n')}\r\n`;
}
