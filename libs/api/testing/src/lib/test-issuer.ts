import { createServer, type Server } from 'node:http';
import { generateKeyPairSync, randomUUID, sign as rsaSign, type KeyObject } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { sign, type Algorithm, type SignOptions } from 'jsonwebtoken';

export interface MintOptions {
  /** Header `kid`; defaults to the issuer's key id. `null` leaves it out. */
  kid?: string | null;
  algorithm?: Algorithm;
  /** Signing key; defaults to the issuer's private key. */
  key?: KeyObject | string;
  /** Seconds until expiry (default 300). `null` leaves `exp` out. */
  expiresIn?: number | null;
  /** Extra header fields. */
  header?: Record<string, unknown>;
}

export interface TestIssuer {
  issuer: string;
  jwksUri: string;
  audience: string;
  kid: string;
  privateKey: KeyObject;
  /** How many times the JWKS document was served. */
  readonly jwksRequests: number;
  /** Makes the JWKS endpoint hang without answering (to test timeouts). */
  hang: boolean;
  /** Signs an access token for `sub` with the given scope string; `claims` override the defaults. */
  mint(sub: string, scope: string, claims?: Record<string, unknown>, options?: MintOptions): string;
  /** Signs exactly the given header and payload with RS256 (no claim checks: for malformed claims). */
  signRaw(header: Record<string, unknown>, payload: Record<string, unknown>, key?: KeyObject): string;
  /** Adds a second published key (as after a rotation) and returns its kid and private key. */
  addKey(): { kid: string; privateKey: KeyObject };
  close(): Promise<void>;
}

export interface TestIssuerOptions {
  /** The first key's `kid` (a provider's own style, e.g. Entra's certificate thumbprints); random by default. */
  kid?: string;
  /** Reshapes each published JWK as a provider publishes it (e.g. Entra's: no `alg`, `x5t`, `issuer`). */
  publish?: (jwk: Record<string, unknown>, issuer: string) => Record<string, unknown>;
}

/**
 * A real issuer for tests: RSA keys generated at start, a JWKS and discovery document served over HTTP on 127.0.0.1,
 * and real RS256-signed tokens.
 */
export async function startTestIssuer(
  audience = 'http://localhost:3333/api',
  options: TestIssuerOptions = {},
): Promise<TestIssuer> {
  const keys: { kid: string; privateKey: KeyObject; publicKey: KeyObject }[] = [];
  const addKey = () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const kid = keys.length === 0 && options.kid !== undefined ? options.kid : randomUUID();
    keys.push({ kid, privateKey, publicKey });
    return { kid, privateKey };
  };
  addKey();
  let jwksRequests = 0;
  const state = { hang: false };
  const server: Server = createServer((req, res) => {
    if (req.url === '/.well-known/jwks.json') {
      jwksRequests++;
      if (state.hang) return; // never answers
      const publish = options.publish ?? ((jwk) => jwk);
      const jwks = {
        keys: keys.map((k) =>
          publish({ ...k.publicKey.export({ format: 'jwk' }), kid: k.kid, use: 'sig', alg: 'RS256' }, issuer),
        ),
      };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks));
    } else if (req.url === '/.well-known/openid-configuration') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ issuer, jwks_uri: jwksUri }));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const jwksUri = `${issuer}/.well-known/jwks.json`;

  return {
    issuer,
    jwksUri,
    audience,
    kid: keys[0].kid,
    privateKey: keys[0].privateKey,
    get jwksRequests() {
      return jwksRequests;
    },
    get hang() {
      return state.hang;
    },
    set hang(v: boolean) {
      state.hang = v;
    },
    addKey,
    mint(sub, scope, claims = {}, options = {}) {
      const now = Math.floor(Date.now() / 1000);
      const payload: Record<string, unknown> = {
        iss: issuer,
        sub,
        aud: audience,
        iat: now,
        jti: randomUUID(),
        client_id: 'timesheets-spa',
        scope,
        ...(options.expiresIn === null ? {} : { exp: now + (options.expiresIn ?? 300) }),
        ...claims,
      };
      for (const [k, v] of Object.entries(payload)) if (v === undefined) delete payload[k];
      const kid = options.kid === undefined ? keys[0].kid : options.kid;
      const signOptions: SignOptions = {
        algorithm: options.algorithm ?? 'RS256',
        header: {
          alg: options.algorithm ?? 'RS256',
          typ: 'at+jwt',
          ...(kid === null ? {} : { kid }),
          ...options.header,
        } as never,
      };
      return sign(payload, (options.key ?? keys[0].privateKey) as never, signOptions);
    },
    signRaw(header, payload, key) {
      const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
      const input = `${b64({ alg: 'RS256', typ: 'at+jwt', kid: keys[0].kid, ...header })}.${b64(payload)}`;
      return `${input}.${rsaSign('sha256', Buffer.from(input), key ?? keys[0].privateKey).toString('base64url')}`;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
