import { createHash, generateKeyPairSync, randomBytes, randomUUID, sign } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for Microsoft Entra ID or Okta on loopback (no internet here): their discovery document, endpoint layout,
 * token responses, access and ID tokens shaped as each documents them, signed RS256 by a key published in its JWKS.
 * It checks what a real one checks of the SPA (client id, registered redirect URI, PKCE S256 verifier, code used
 * once) and records every authorization and token request for the test to read. It signs in `user` without a login
 * page.
 */
export type CorporateKind = 'entra' | 'okta';

export interface CorporateUser {
  /** Entra: object id (`oid`); Okta: user id (`uid`). */
  id: string;
  name: string;
  email: string;
  /** Entra app roles / an Okta groups claim named `roles`. */
  roles: string[];
}

export interface CorporateIssuer {
  kind: CorporateKind;
  issuer: string;
  /** What a token's `aud` is for the API: Entra, the API registration's client id; Okta, the server's audience. */
  apiAudience: string;
  /** Entra's App ID URI with a slash, the prefix of the API's scopes; Okta: none. */
  scopePrefix?: string;
  clientId: string;
  /** Who the next authorization signs in. */
  user: CorporateUser;
  /** Set once the SPA server listens: the only redirect URI accepted. */
  redirectUri: string;
  authorizeRequests: URLSearchParams[];
  tokenRequests: URLSearchParams[];
  close(): Promise<void>;
}

const ENTRA_TENANT = 'b1f2c3d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const ENTRA_API_APP_ID = '3c9e6f1a-2b4d-4e8f-9a0b-1c2d3e4f5a6b';
const OKTA_SERVER = 'aus8k2timesheets0x7';

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

export async function startCorporateIssuer(kind: CorporateKind, user: CorporateUser): Promise<CorporateIssuer> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = b64url(randomBytes(20));
  const jwt = (header: Record<string, unknown>, payload: Record<string, unknown>) => {
    const input = `${b64url(JSON.stringify({ alg: 'RS256', kid, ...header }))}.${b64url(JSON.stringify(payload))}`;
    return `${input}.${b64url(sign('sha256', Buffer.from(input), privateKey))}`;
  };
  const codes = new Map<string, { params: URLSearchParams; user: CorporateUser }>();

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => reply(res, 500, { error: 'server_error' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://localhost:${(server.address() as AddressInfo).port}`;
  // Entra: issuer …/<tenant>/v2.0, endpoints …/<tenant>/oauth2/v2.0/…, keys …/<tenant>/discovery/v2.0/keys, userinfo on
  // Microsoft Graph. Okta: everything under the custom authorization server's issuer.
  const issuer = kind === 'entra' ? `${origin}/${ENTRA_TENANT}/v2.0` : `${origin}/oauth2/${OKTA_SERVER}`;
  const endpoints =
    kind === 'entra'
      ? {
          authorization_endpoint: `${origin}/${ENTRA_TENANT}/oauth2/v2.0/authorize`,
          token_endpoint: `${origin}/${ENTRA_TENANT}/oauth2/v2.0/token`,
          end_session_endpoint: `${origin}/${ENTRA_TENANT}/oauth2/v2.0/logout`,
          jwks_uri: `${origin}/${ENTRA_TENANT}/discovery/v2.0/keys`,
          userinfo_endpoint: `${origin}/oidc/userinfo`,
        }
      : {
          authorization_endpoint: `${issuer}/v1/authorize`,
          token_endpoint: `${issuer}/v1/token`,
          end_session_endpoint: `${issuer}/v1/logout`,
          revocation_endpoint: `${issuer}/v1/revoke`,
          jwks_uri: `${issuer}/v1/keys`,
          userinfo_endpoint: `${issuer}/v1/userinfo`,
        };
  const discovery = {
    issuer,
    ...endpoints,
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    subject_types_supported: ['pairwise', 'public'],
    id_token_signing_alg_values_supported: ['RS256'],
    code_challenge_methods_supported: ['S256'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
  };

  const state: CorporateIssuer = {
    kind,
    issuer,
    apiAudience: kind === 'entra' ? ENTRA_API_APP_ID : 'api://timesheets',
    ...(kind === 'entra' ? { scopePrefix: `api://${ENTRA_API_APP_ID}/` } : {}),
    clientId: kind === 'entra' ? '8d7c6b5a-4e3f-4a1b-9c0d-e1f2a3b4c5d6' : '0oa8muazKSyk9gP5y5d5',
    user,
    redirectUri: '',
    authorizeRequests: [],
    tokenRequests: [],
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  /** The granted scopes: the API's (Entra: requested with the prefix, granted without it in `scp`). */
  const apiScopes = (requested: string) =>
    requested
      .split(' ')
      .filter((s) => (state.scopePrefix ? s.startsWith(state.scopePrefix) : s.includes(':')))
      .map((s) => (state.scopePrefix ? s.slice(state.scopePrefix.length) : s));

  function tokens(params: URLSearchParams, who: CorporateUser) {
    const now = Math.floor(Date.now() / 1000);
    const scopes = apiScopes(params.get('scope') ?? '');
    const common = { iss: issuer, iat: now, nbf: now, exp: now + 3600 };
    if (kind === 'entra') {
      const access = jwt(
        { typ: 'JWT' },
        {
          ...common,
          aud: state.apiAudience,
          azp: state.clientId,
          azpacr: '0',
          name: who.name,
          oid: who.id,
          preferred_username: who.email,
          roles: who.roles,
          scp: scopes.join(' '),
          sub: b64url(createHash('sha256').update(`${state.clientId}:${who.id}`).digest()),
          tid: ENTRA_TENANT,
          uti: b64url(randomBytes(16)),
          ver: '2.0',
        },
      );
      const id = jwt(
        { typ: 'JWT' },
        {
          ...common,
          aud: state.clientId,
          nonce: params.get('nonce'),
          name: who.name,
          oid: who.id,
          preferred_username: who.email,
          email: who.email,
          sub: b64url(createHash('sha256').update(`${state.clientId}:${who.id}:id`).digest()),
          tid: ENTRA_TENANT,
          ver: '2.0',
        },
      );
      return {
        token_type: 'Bearer',
        scope: scopes.map((s) => state.scopePrefix + s).join(' '),
        expires_in: 3599,
        ext_expires_in: 3599,
        access_token: access,
        refresh_token: b64url(randomBytes(32)),
        id_token: id,
      };
    }
    // Okta: no typ header; scp an array; uid the user's id, sub the login name; cid the client.
    const access = jwt(
      {},
      {
        ...common,
        ver: 1,
        jti: `AT.${b64url(randomBytes(16))}`,
        aud: state.apiAudience,
        cid: state.clientId,
        uid: who.id,
        scp: ['openid', 'profile', 'email', 'offline_access', ...scopes],
        auth_time: now,
        sub: who.email,
        roles: who.roles,
      },
    );
    const id = jwt(
      {},
      {
        ...common,
        ver: 1,
        jti: `ID.${b64url(randomBytes(16))}`,
        sub: who.id,
        aud: state.clientId,
        nonce: params.get('nonce'),
        name: who.name,
        email: who.email,
        preferred_username: who.email,
        auth_time: now,
        amr: ['pwd'],
        idp: '00o8muazKSyk9gP5y5d5',
      },
    );
    return {
      token_type: 'Bearer',
      expires_in: 3600,
      access_token: access,
      scope: (params.get('scope') ?? '').split(' ').join(' '),
      refresh_token: b64url(randomBytes(32)),
      id_token: id,
    };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin);
    res.setHeader('access-control-allow-origin', '*');
    if (req.method === 'OPTIONS') {
      res.setHeader('access-control-allow-headers', 'content-type, authorization');
      res.setHeader('access-control-allow-methods', 'GET, POST');
      return reply(res, 204);
    }
    if (req.method === 'GET' && url.pathname === new URL(`${issuer}/.well-known/openid-configuration`).pathname) {
      return reply(res, 200, discovery);
    }
    if (req.method === 'GET' && url.pathname === new URL(endpoints.jwks_uri).pathname) {
      const jwk = publicKey.export({ format: 'jwk' });
      // Entra publishes no alg and names the key by its thumbprint twice (kid, x5t).
      const key =
        kind === 'entra'
          ? { kty: 'RSA', use: 'sig', kid, x5t: kid, ...jwk }
          : { ...jwk, kid, alg: 'RS256', use: 'sig' };
      return reply(res, 200, { keys: [key] });
    }
    if (req.method === 'GET' && url.pathname === new URL(endpoints.authorization_endpoint).pathname) {
      const params = url.searchParams;
      state.authorizeRequests.push(params);
      if (params.get('client_id') !== state.clientId || params.get('redirect_uri') !== state.redirectUri) {
        return reply(res, 400, { error: 'invalid_request', error_description: 'unknown client or redirect URI' });
      }
      if (kind === 'entra' && params.has('resource')) {
        // What Entra's v2.0 endpoint answers (on its error page, as here, or to the redirect URI).
        return reply(res, 400, {
          error: 'invalid_request',
          error_description: "AADSTS901002: The 'resource' request parameter is not supported.",
        });
      }
      if (params.get('code_challenge_method') !== 'S256' || !params.get('code_challenge')) {
        return reply(res, 400, { error: 'invalid_request', error_description: 'PKCE S256 required' });
      }
      const code = b64url(randomBytes(24));
      codes.set(code, { params, user: { ...state.user } });
      const back = new URL(state.redirectUri);
      back.searchParams.set('code', code);
      back.searchParams.set('state', params.get('state') ?? '');
      res.writeHead(302, { location: back.toString() });
      return void res.end();
    }
    if (req.method === 'POST' && url.pathname === new URL(endpoints.token_endpoint).pathname) {
      const body = new URLSearchParams(await readBody(req));
      state.tokenRequests.push(body);
      const grant = codes.get(body.get('code') ?? '');
      codes.delete(body.get('code') ?? '');
      const verifier = body.get('code_verifier') ?? '';
      if (
        body.get('grant_type') !== 'authorization_code' ||
        !grant ||
        body.get('client_id') !== state.clientId ||
        body.get('redirect_uri') !== grant.params.get('redirect_uri') ||
        b64url(createHash('sha256').update(verifier).digest()) !== grant.params.get('code_challenge')
      ) {
        return reply(res, 400, { error: 'invalid_grant' });
      }
      return reply(res, 200, tokens(grant.params, grant.user));
    }
    return reply(res, 404, { error: 'not_found' });
  }

  return state;
}

function reply(res: ServerResponse, status: number, body?: unknown): void {
  res.writeHead(status, body === undefined ? {} : { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(body === undefined ? undefined : JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (text += c));
    req.on('end', () => resolve(text));
    req.on('error', reject);
  });
}

/** A random id as each provider writes one (Entra: a GUID; Okta: 00u + 17 characters). */
export function userId(kind: CorporateKind): string {
  return kind === 'entra' ? randomUUID() : `00u${b64url(randomBytes(13)).replace(/[-_]/g, 'x').slice(0, 17)}`;
}
