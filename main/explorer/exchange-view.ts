import type {
  ExplorerExchangeDetail,
  ExplorerExchangeSummary,
  ExplorerHeader,
} from '../../shared/ipc/features/explorer.contract';
import { curlCommand } from './curl';
import type { LoggedExchange } from './exchange-log';
import { decodeBearerJwt, maskBody, maskHeaders, maskNhsInJson, maskNhsInText } from './redaction';

/** Largest body sent to the screen; the full (capped) body stays in main for exports. */
const MAX_SHOWN_BODY = 200_000;

/** What leaves main for display or export: the logged exchange with NHS numbers masked unless `masked` is false. */
export function presentable(exchange: LoggedExchange, masked: boolean): LoggedExchange {
  if (!masked) return exchange;
  return {
    ...exchange,
    url: maskNhsInText(exchange.url),
    requestHeaders: maskHeaders(exchange.requestHeaders),
    responseHeaders: maskHeaders(exchange.responseHeaders),
    ...(exchange.requestBody === undefined ? {} : { requestBody: maskBody(exchange.requestBody) }),
    ...(exchange.responseBody === undefined ? {} : { responseBody: maskBody(exchange.responseBody) }),
    ...(exchange.error === undefined ? {} : { error: maskNhsInText(exchange.error) }),
  };
}

export function summarise(exchange: LoggedExchange, masked: boolean): ExplorerExchangeSummary {
  const e = presentable(exchange, masked);
  return {
    id: e.id,
    kind: e.kind,
    startedAt: e.startedAt,
    durationMs: e.durationMs,
    method: e.method,
    url: e.url,
    ...(e.interactionId === undefined ? {} : { interactionId: e.interactionId }),
    ...(e.status === undefined ? {} : { status: e.status }),
    ...(e.error === undefined ? {} : { error: e.error }),
  };
}

function headerList(headers: Readonly<Record<string, string>>): ExplorerHeader[] {
  return Object.entries(headers).map(([name, value]) => ({ name, value }));
}

/** Pretty JSON bodies read better; anything else is shown as sent. */
function shown(body: string | undefined): { text?: string; cut: boolean } {
  if (body === undefined) return { cut: false };
  let text = body;
  try {
    text = JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    // not JSON: as sent
  }
  return text.length > MAX_SHOWN_BODY ? { text: text.slice(0, MAX_SHOWN_BODY), cut: true } : { text, cut: false };
}

export function detail(exchange: LoggedExchange, masked: boolean): ExplorerExchangeDetail {
  const e = presentable(exchange, masked);
  // Decoded from the stored token, then masked: the claims of a 0.7.x token name the patient.
  const jwt = decodeBearerJwt(exchange.requestHeaders['authorization']);
  const request = shown(e.requestBody);
  const response = shown(e.responseBody);
  return {
    ...summarise(exchange, masked),
    requestHeaders: headerList(e.requestHeaders),
    ...(request.text === undefined ? {} : { requestBody: request.text }),
    ...(jwt
      ? {
          jwt: {
            header: JSON.stringify(jwt.header, null, 2),
            claims: JSON.stringify(masked ? maskNhsInJson(jwt.claims) : jwt.claims, null, 2),
          },
        }
      : {}),
    responseHeaders: headerList(e.responseHeaders),
    ...(response.text === undefined ? {} : { responseBody: response.text }),
    bodyTruncated: e.bodyTruncated || request.cut || response.cut,
    curl: curlCommand(e),
  };
}
