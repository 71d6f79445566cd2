import type { AuditInteractionEvent } from '../../shared/audit/audit-record';
import type { AuditService } from './audit-service';
import type { ExchangeRecord } from '../spine/gp-connect-client';
import { currentAuditScope } from './audit-scope';
import { jwtAuditItems } from './jwt-summary';

/**
 * One exchange with a provider as an audit event: the Spine headers, the target, the outcome and the JWT's
 * who/what/when. The patient is the one the token names (0.7.x) or the one the user action in progress is about.
 */
export function interactionEvent(exchange: ExchangeRecord): AuditInteractionEvent {
  const fromJwt = jwtAuditItems(exchange.jwt);
  const nhsNumber = fromJwt?.nhsNumber ?? currentAuditScope()?.nhsNumber;
  const failed = exchange.errorCode !== undefined || (exchange.httpStatus ?? 0) >= 400;
  return {
    action: 'interaction',
    outcome: failed ? 'failure' : 'success',
    interactionId: exchange.interactionId,
    traceId: exchange.traceId,
    from: exchange.from,
    to: exchange.to,
    odsCode: exchange.odsCode,
    ...(exchange.httpStatus === undefined ? {} : { httpStatus: exchange.httpStatus }),
    ...(exchange.errorCode === undefined ? {} : { errorCode: exchange.errorCode }),
    ...(nhsNumber ? { nhsNumber } : {}),
    ...(fromJwt ? { jwt: fromJwt.jwt } : {}),
  };
}

/**
 * The GP Connect client's exchange hook: every exchange queued on the audit trail, in order with the action records
 * (an action's record resolving means its interactions are on disk too). Not awaited by the call itself.
 */
export function auditExchanges(audit: Pick<AuditService, 'record'>): (exchange: ExchangeRecord) => void {
  return (exchange) => {
    audit.record(interactionEvent(exchange)).catch(() => undefined);
  };
}
