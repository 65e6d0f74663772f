// A throwaway OpenID issuer for the benchmark: one RSA key, a JWKS and discovery document on 127.0.0.1, RS256 access
// tokens typed at+jwt.
import { createServer } from 'node:http';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';

export const AUDIENCE = 'http://localhost:3333/api';

export async function startIssuer() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const kid = randomUUID();
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' };
  let jwksRequests = 0;
  const server = createServer((req, res) => {
    if (req.url === '/.well-known/jwks.json') {
      jwksRequests++;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
    } else if (req.url === '/.well-known/openid-configuration') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ issuer, jwks_uri: jwksUri }));
    } else res.writeHead(404).end();
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const jwksUri = `${issuer}/.well-known/jwks.json`;

  /** Signs an access token; `opts.key` signs with another key (bad signature), `opts.exp` sets exp. */
  function mint(sub, scope, opts = {}) {
    const now = Math.floor(Date.now() / 1000);
    const payload = {
      iss: issuer,
      sub,
      aud: AUDIENCE,
      scope,
      // opts.clientId: a machine client's token (client credentials: sub = client_id, no person's claims).
      client_id: opts.clientId ?? 'timesheets-spa',
      ...(opts.clientId ? {} : { email: `${sub}@bench.test`, name: `Bench ${sub}` }),
      iat: opts.iat ?? now,
      exp: opts.exp ?? now + 3600,
      jti: randomUUID(),
    };
    // Typed as an access token (RFC 9068), as the API requires.
    return jwt.sign(payload, opts.key ?? privateKey, { algorithm: 'RS256', keyid: kid, header: { typ: 'at+jwt' } });
  }
  return {
    issuer,
    jwksUri,
    audience: AUDIENCE,
    mint,
    otherKey: other,
    get jwksRequests() {
      return jwksRequests;
    },
    close: () => new Promise((r) => server.close(r)),
  };
}
