import { createHash, randomBytes } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import type { JWTPayload } from 'jose';
import { fetch } from 'undici';
import { z } from 'zod';
import type { RoleProfile } from '../../shared/ipc/features/session.contract';
import type { ClinicianIdentity } from '../../shared/session/clinician';

/**
 * NHS CIS2-style OpenID Connect sign-in for sites without smartcard middleware: authorisation code + PKCE (S256) as a
 * public native client with a loopback redirect. Main builds the authorisation URL, the system browser (or an
 * Electron auth window: a thin shell, outside this module) shows the identity provider's pages, and main exchanges
 * the code and verifies the ID token against the provider's JWKS with jose. The tokens never reach the renderer.
 */
export interface OidcSettings {
  readonly issuer: string;
  readonly clientId: string;
  /** Loopback redirect, e.g. `http://127.0.0.1:53682/callback`. */
  readonly redirectUri: string;
  readonly scope?: string;
}

/** What one sign-in attempt must remember between the browser leaving and coming back. Never sent to the renderer. */
export interface PendingOidcLogin {
  readonly authorizationUrl: string;
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
}

export class OidcLoginError extends Error {
  override readonly name = 'OidcLoginError';
}

const discovery = z.object({
  issuer: z.string(),
  authorization_endpoint: z.string().url(),
  token_endpoint: z.string().url(),
  jwks_uri: z.string().url(),
});
type Discovery = z.infer<typeof discovery>;

const tokenResponse = z.object({ id_token: z.string().min(1), token_type: z.string() });

/** CIS2's role claim: one entry per role profile (`person_roleid`), with job role name and organisation code. */
const cis2Claims = z.object({
  uid: z.string().regex(/^\d{6,20}$/, 'uid must be an SDS user ID'),
  family_name: z.string().min(1),
  given_name: z.string().optional(),
  name: z.string().optional(),
  nhsid_nrbac_roles: z
    .array(
      z.object({
        person_roleid: z.string().min(1),
        role_name: z.string().min(1),
        org_code: z.string().regex(/^[A-Z0-9]{3,10}$/),
        org_name: z.string().optional(),
      }),
    )
    .min(1, 'the ID token names no role profile'),
});

const DEFAULT_SCOPE = 'openid profile nationalrbacaccess';

async function discover(issuer: string): Promise<Discovery> {
  const response = await fetch(`${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`);
  if (!response.ok) throw new OidcLoginError(`The identity provider did not answer (HTTP ${response.status}).`);
  const parsed = discovery.safeParse(await response.json());
  if (!parsed.success) throw new OidcLoginError('The identity provider published no usable OpenID configuration.');
  if (parsed.data.issuer !== issuer) throw new OidcLoginError('The identity provider names a different issuer.');
  return parsed.data;
}

const random = () => randomBytes(32).toString('base64url');

export class OidcLogin {
  private config: Discovery | undefined;

  constructor(private readonly settings: OidcSettings) {}

  private async provider(): Promise<Discovery> {
    this.config ??= await discover(this.settings.issuer);
    return this.config;
  }

  /** A fresh state, nonce and PKCE verifier, and the URL to open in the browser. */
  async begin(): Promise<PendingOidcLogin> {
    const { authorization_endpoint } = await this.provider();
    const state = random();
    const nonce = random();
    const codeVerifier = random();
    const url = new URL(authorization_endpoint);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: this.settings.clientId,
      redirect_uri: this.settings.redirectUri,
      scope: this.settings.scope ?? DEFAULT_SCOPE,
      state,
      nonce,
      code_challenge: createHash('sha256').update(codeVerifier).digest('base64url'),
      code_challenge_method: 'S256',
      prompt: 'login',
    }).toString();
    return { authorizationUrl: url.toString(), state, nonce, codeVerifier };
  }

  /** The browser came back to the redirect URI: check state, exchange the code, verify the ID token. */
  async complete(
    pending: PendingOidcLogin,
    callbackUrl: string,
  ): Promise<{
    identity: Omit<ClinicianIdentity, 'roleProfileId' | 'roleName' | 'organisation'>;
    roles: RoleProfile[];
  }> {
    const callback = new URL(callbackUrl);
    const error = callback.searchParams.get('error');
    if (error) throw new OidcLoginError(`The identity provider refused the sign-in (${error}).`);
    if (callback.searchParams.get('state') !== pending.state) {
      throw new OidcLoginError('The sign-in answer does not belong to this sign-in attempt. Start again.');
    }
    const code = callback.searchParams.get('code');
    if (!code) throw new OidcLoginError('The identity provider sent no authorisation code.');
    const { token_endpoint, jwks_uri } = await this.provider();
    const response = await fetch(token_endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: this.settings.redirectUri,
        client_id: this.settings.clientId,
        code_verifier: pending.codeVerifier,
      }).toString(),
    });
    if (!response.ok) throw new OidcLoginError(`The identity provider refused the code (HTTP ${response.status}).`);
    const tokens = tokenResponse.safeParse(await response.json());
    if (!tokens.success) throw new OidcLoginError('The identity provider returned no ID token.');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(tokens.data.id_token, createRemoteJWKSet(new URL(jwks_uri)), {
        issuer: this.settings.issuer,
        audience: this.settings.clientId,
      }));
    } catch {
      throw new OidcLoginError('The ID token could not be verified. The sign-in was refused.');
    }
    if (payload['nonce'] !== pending.nonce) throw new OidcLoginError('The ID token was not issued for this sign-in.');
    return claimsToIdentity(payload);
  }
}

/** CIS2 claims to our identity: `uid` is the SDS user ID, each `nhsid_nrbac_roles` entry a role profile. */
export function claimsToIdentity(payload: JWTPayload): {
  identity: Omit<ClinicianIdentity, 'roleProfileId' | 'roleName' | 'organisation'>;
  roles: RoleProfile[];
} {
  const claims = cis2Claims.safeParse(payload);
  if (!claims.success) {
    const issue = claims.error.issues[0];
    throw new OidcLoginError(
      `The ID token does not identify an NHS user: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(),
    );
  }
  const c = claims.data;
  return {
    identity: {
      sdsUserId: c.uid,
      name: { family: c.family_name, given: c.given_name ? [c.given_name] : [] },
      source: 'oidc',
    },
    roles: c.nhsid_nrbac_roles.map((r) => ({
      roleProfileId: r.person_roleid,
      roleName: r.role_name,
      organisation: { odsCode: r.org_code, name: r.org_name ?? r.org_code },
    })),
  };
}
