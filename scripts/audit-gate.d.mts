/** The verdict on `npm audit --json` output (see audit-gate.mjs). */
export function auditVerdict(
  stdout: string,
):
  | { verdict: 'pass'; counts: Record<string, number> }
  | { verdict: 'fail'; findings: string[]; counts: Record<string, number> }
  | { verdict: 'unavailable'; why: string; findings?: undefined };
