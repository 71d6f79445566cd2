import { decodeJwt, decodeProtectedHeader } from 'jose';
import { checkNhsNumber } from '../../shared/nhs/nhs-number';

/**
 * What the explorer may show or export. Two different rules:
 * - **Secrets are removed when captured** and never stored: key material (any PEM block), the SDS `apikey`, cookies,
 *   and any Authorization value that is a credential (a signed JWT, an OAuth access token).
 * - **NHS numbers are masked when shown or exported** (`*** *** 5919`) unless the user has unmasked them with a reason.
 * The GP Connect JWT is not a secret: it is unsigned (`alg: none`, SPEC §3.1), an audit assertion of who asks for
 * what; access rests on the TLS client certificate and SSP's ASID checks. So it is kept, shown decoded and exported.
 */

const PEM_BLOCK = /-----BEGIN [A-Z0-9 ]+-----[\s\S]*?-----END [A-Z0-9 ]+-----/g;
const SECRET_HEADERS: Readonly<Record<string, string>> = {
  apikey: '[redacted: SDS API key]',
  cookie: '[redacted: cookie]',
  'set-cookie': '[redacted: cookie]',
  'x-gpc-token': '[redacted: session token]',
  'proxy-authorization': '[redacted: credential]',
};
export const REDACTED_CREDENTIAL = 'Bearer [redacted: access token]';

export function redactKeyMaterial(text: string): string {
  return text.replace(PEM_BLOCK, '[redacted: key or certificate]');
}

export interface DecodedJwt {
  readonly header: Record<string, unknown>;
  readonly claims: Record<string, unknown>;
}

/** The JWT of a `Bearer` value, decoded with jose; undefined when it is not a JWT. */
export function decodeBearerJwt(authorization: string | undefined): DecodedJwt | undefined {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!token) return undefined;
  try {
    return { header: decodeProtectedHeader(token) as Record<string, unknown>, claims: decodeJwt(token) };
  } catch {
    return undefined;
  }
}

/** Headers with every secret replaced; the unsigned GP Connect JWT stays (see above). */
export function redactHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const secret = SECRET_HEADERS[name];
    if (secret) out[name] = secret;
    else if (name === 'authorization') {
      const jwt = decodeBearerJwt(value);
      out[name] = jwt?.header['alg'] === 'none' ? value : REDACTED_CREDENTIAL;
    } else out[name] = redactKeyMaterial(value);
  }
  return out;
}

/** `9434765919` → `*** *** 5919`: the last four digits, enough to tell two patients apart in a session. */
export function maskedNhsNumber(digits: string): string {
  return `*** *** ${digits.slice(6)}`;
}

/** Masks every valid NHS number (10 digits, right check digit) standing alone in text. */
export function maskNhsInText(text: string): string {
  return text.replace(/(?<![0-9])[0-9]{10}(?![0-9])/g, (digits) =>
    checkNhsNumber(digits).valid ? maskedNhsNumber(digits) : digits,
  );
}

/** Masks NHS numbers in the strings of a JSON value only: numbers (`iat`, counts) are never NHS numbers. */
export function maskNhsInJson(value: unknown): unknown {
  if (typeof value === 'string') return maskNhsInText(value);
  if (Array.isArray(value)) return value.map(maskNhsInJson);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskNhsInJson(v)]));
  }
  return value;
}

/** A body as text, masked: JSON bodies value by value (pretty-printed), anything else as text. */
export function maskBody(text: string): string {
  try {
    return JSON.stringify(maskNhsInJson(JSON.parse(text)), null, 2);
  } catch {
    return maskNhsInText(text);
  }
}

function base64urlJson(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

/**
 * An unsigned JWT with its NHS numbers masked, re-encoded (0.7.x tokens name the patient in `requested_record`, and
 * base64 would otherwise show it to anyone who decodes the header). Other Authorization values are left alone.
 */
export function maskAuthorization(value: string): string {
  const jwt = decodeBearerJwt(value);
  if (!jwt || jwt.header['alg'] !== 'none') return value;
  return `Bearer ${base64urlJson(jwt.header)}.${base64urlJson(maskNhsInJson(jwt.claims))}.`;
}

export function maskHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [
      name,
      name === 'authorization' ? maskAuthorization(value) : maskNhsInText(value),
    ]),
  );
}
