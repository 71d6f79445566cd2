import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { fetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OidcLogin, OidcLoginError, claimsToIdentity } from '../../../main/identity/oidc-login';
import { SessionService } from '../../../main/identity/session-service';

/**
 * CIS2-style OpenID Connect sign-in against a real OpenID provider (`oidc-provider` 9) on loopback: discovery,
 * authorisation code + PKCE (S256, required by the provider), token exchange, ID token verified with jose against
 * the provider's JWKS, CIS2 claims mapped to the clinician identity. The browser is played by fetch following the
 * redirects (the provider's login and consent are completed programmatically for the account below).
 */
const REDIRECT_URI = 'http://127.0.0.1:53682/callback';
const CLIENT_ID = 'gpc-workstation';
const CLAIMS = {
  uid: '555021935107',
  family_name: 'Jones',
  given_name: 'Claire',
  nhsid_nrbac_roles: [
    {
      person_roleid: '555021936108',
      role_name: 'General Medical Practitioner',
      org_code: 'Y90001',
      org_name: 'Demo Practice',
    },
    { person_roleid: '555021936999', role_name: 'Clinical Director', org_code: 'Y90002' },
  ],
};

let server: http.Server;
let issuer = '';

beforeAll(async () => {
  let provider: Provider | undefined = undefined;
  server = http.createServer((req, res) => {
    if (!provider) return void res.writeHead(503).end();
    if (req.url?.startsWith('/interaction/')) {
      const p = provider;
      void (async () => {
        const details = await p.interactionDetails(req, res);
        const grant = new p.Grant({ accountId: 'claire', clientId: details.params['client_id'] ?? '' });
        grant.addOIDCScope(details.params['scope'] ?? 'openid');
        const grantId = await grant.save();
        await p.interactionFinished(
          req,
          res,
          { login: { accountId: 'claire' }, consent: { grantId } },
          { mergeWithLastSubmission: false },
        );
      })();
      return;
    }
    provider.callback()(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        application_type: 'native',
        token_endpoint_auth_method: 'none',
        redirect_uris: [REDIRECT_URI],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    findAccount: (_ctx: unknown, id: string) => ({ accountId: id, claims: () => ({ sub: id, ...CLAIMS }) }),
    scopes: ['openid', 'profile', 'nationalrbacaccess'],
    claims: {
      openid: ['sub'],
      profile: ['family_name', 'given_name'],
      nationalrbacaccess: ['uid', 'nhsid_nrbac_roles'],
    },
    // The CIS2 claims in the ID token itself, as CIS2 issues them.
    conformIdTokenClaims: false,
    cookies: { keys: ['oidc-test-cookie-key'] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
  });
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** The system browser: follows redirects with its cookies until the provider sends it to our redirect URI. */
async function browse(url: string): Promise<string> {
  const cookies = new Map<string, string>();
  let next = url;
  for (let hop = 0; hop < 10; hop += 1) {
    if (next.startsWith(REDIRECT_URI)) return next;
    const response = await fetch(next, {
      redirect: 'manual',
      headers: { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const c of response.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [name, ...value] = (pair ?? '').split('=');
      if (name) cookies.set(name.trim(), value.join('='));
    }
    await response.arrayBuffer();
    const location = response.headers.get('location');
    if (!location) throw new Error(`no redirect from ${next} (HTTP ${response.status})`);
    next = new URL(location, next).toString();
  }
  throw new Error('too many redirects');
}

describe('OpenID Connect sign-in (authorisation code + PKCE, oidc-provider on loopback)', () => {
  it('maps the verified ID token to the clinician and their role profiles, then into the session', async () => {
    const login = new OidcLogin({ issuer, clientId: CLIENT_ID, redirectUri: REDIRECT_URI });
    const pending = await login.begin();
    const authorize = new URL(pending.authorizationUrl);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('code_challenge')).not.toBe(pending.codeVerifier);

    const result = await login.complete(pending, await browse(pending.authorizationUrl));
    expect(result.identity).toEqual({
      sdsUserId: '555021935107',
      name: { family: 'Jones', given: ['Claire'] },
      source: 'oidc',
    });
    expect(result.roles.map((r) => `${r.roleProfileId} ${r.roleName} ${r.organisation.odsCode}`)).toEqual([
      '555021936108 General Medical Practitioner Y90001',
      '555021936999 Clinical Director Y90002',
    ]);

    const session = new SessionService({ demo: false });
    expect(session.signInWithOidc(result.identity, result.roles).phase).toBe('choose-role');
    session.chooseRole('555021936999');
    expect(session.currentUser()).toMatchObject({
      sdsUserId: '555021935107',
      roleProfileId: '555021936999',
      source: 'oidc',
    });
  });

  it('refuses an answer that belongs to another attempt (state), and a code replayed without its verifier', async () => {
    const login = new OidcLogin({ issuer, clientId: CLIENT_ID, redirectUri: REDIRECT_URI });
    const first = await login.begin();
    const callback = await browse(first.authorizationUrl);
    const second = await login.begin();
    await expect(login.complete(second, callback)).rejects.toThrow(/does not belong to this sign-in attempt/);
    // Right state, wrong PKCE verifier: the provider refuses the code.
    await expect(login.complete({ ...first, codeVerifier: second.codeVerifier }, callback)).rejects.toThrow(
      OidcLoginError,
    );
  });

  it('refuses claims that do not name an NHS user', () => {
    expect(() => claimsToIdentity({ sub: 'x', family_name: 'Jones', nhsid_nrbac_roles: [] })).toThrow(/uid/);
  });
});
