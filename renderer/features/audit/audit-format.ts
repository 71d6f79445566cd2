import type { AuditAction, AuditRecord } from '../../../shared/audit/audit-record';
import { AUDIT_ACTIONS } from '../../../shared/audit/audit-record';
import { INTERACTIONS } from '../../../shared/gpconnect/interactions';
import { formatNhsDate } from '../../../shared/nhs/dates';
import { formatNhsNumber } from '../../../shared/nhs/nhs-number';

/** `2026-11-26T02:15:03.120Z` → `26-Nov-2026 02:15:03 UTC` (the filter's dates are UTC too). */
export function auditTime(iso: string): string {
  return `${formatNhsDate(iso.slice(0, 10))} ${iso.slice(11, 19)} UTC`;
}

export function actionLabel(action: AuditAction): string {
  return AUDIT_ACTIONS[action] ?? action;
}

const INTERACTION_NAMES = new Map(Object.values(INTERACTIONS).map((i) => [i.id, i.name]));

/** The interaction (its name, or its ID when we do not know it) or what the action was about. */
export function auditSubject(record: AuditRecord): string {
  if (record.action === 'interaction') return INTERACTION_NAMES.get(record.interactionId) ?? record.interactionId;
  return record.target ?? record.note ?? '';
}

export function auditPatient(record: AuditRecord): string {
  return record.nhsNumber ? formatNhsNumber(record.nhsNumber) : '';
}

/** `403 NO_PATIENT_CONSENT`, `SPINE_ERROR NO_PATIENT_CONSENT`. */
export function auditResultCode(record: AuditRecord): string {
  const status = record.action === 'interaction' && record.httpStatus !== undefined ? String(record.httpStatus) : '';
  return [status, record.errorCode ?? ''].filter((s) => s !== '').join(' ');
}
