import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { sign, type Algorithm, type SignOptions } from 'jsonwebtoken';
import type { AuthOptions } from './auth.constants';
import type { JwksKeyStore } from './jwks-key-store';
import { InvalidTokenError, JwtStrategy } from './jwt.strategy';
import { TokenPrefilter } from './token-prefilter';

/**
 * The cheap prefilter and the full passport-jwt verification, fed the same tokens. The prefilter may let through what
 * the full verification refuses (it does not look at `sub`, `iat` or `permissions`), never the other way round; on
 * the header (`alg`, `typ`) and the standard claims they agree exactly.
 */
const base: AuthOptions = {
  issuer: 'https://issuer.test',
  audience: 'https://api.test',
  algorithms: ['RS256', 'PS256', 'ES256', 'ES384'],
  tokenTypes: ['at+jwt'],
  requireTokenType: true,
  subjectClaim: 'sub',
  clockToleranceSeconds: 30,
  realm: 'timesheets',
  jwksTimeoutMs: 1000,
};

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec256 = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const ec384 = generateKeyPairSync('ec', { namedCurve: 'P-384' });
const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
const published: Record<string, KeyObject> = { rsa: rsa.publicKey, ec256: ec256.publicKey, ec384: ec384.publicKey };
const keys = {
  getVerificationKey: async (kid?: string) => {
    const key = kid === undefined ? undefined : published[kid];
    if (!key) throw new Error('no such signing key');
    return key;
  },
} as unknown as JwksKeyStore;

const now = Math.floor(Date.now() / 1000);
const claims = { iss: base.issuer, aud: base.audience, sub: 'u1', exp: now + 300, iat: now };
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

interface TokenOptions {
  alg?: Algorithm;
  kid?: string;
  key?: KeyObject;
  /** The `typ` header; `undefined` leaves it out. Defaults to `at+jwt`. */
  typ?: unknown;
}

function token(over: Record<string, unknown> = {}, opts: TokenOptions = {}) {
  const alg = opts.alg ?? 'RS256';
  const key = opts.key ?? (alg.startsWith('ES') ? (alg === 'ES256' ? ec256 : ec384).privateKey : rsa.privateKey);
  const kid = opts.kid ?? (alg === 'ES256' ? 'ec256' : alg === 'ES384' ? 'ec384' : 'rsa');
  const typ = 'typ' in opts ? opts.typ : 'at+jwt';
  const signOptions: SignOptions = { algorithm: alg, header: { alg, kid, typ } as never };
  const payload: Record<string, unknown> = { ...claims, ...over };
  for (const k of Object.keys(payload)) if (payload[k] === undefined) delete payload[k];
  return sign(payload, key, signOptions);
}

/** Runs passport-jwt's whole verification (key lookup, jsonwebtoken, then validate) as the guard would. */
function verifyFully(strategy: JwtStrategy, jwt: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const run = Object.create(strategy) as JwtStrategy & {
      success(): void;
      fail(): void;
      error(err: unknown): void;
      authenticate(req: unknown, options: unknown): void;
    };
    run.success = () => resolve(true);
    run.fail = () => resolve(false);
    run.error = (err) => (err instanceof InvalidTokenError ? resolve(false) : reject(err));
    run.authenticate({ headers: { authorization: `Bearer ${jwt}` } }, {});
  });
}

type Verdict = 'accepted' | 'refused';
type Case = [name: string, make: () => string, prefilter: Verdict, full: Verdict];

function verdicts(options: AuthOptions, cases: Case[]) {
  const prefilter = new TokenPrefilter(options, keys);
  const strategy = new JwtStrategy(options, keys);
  const named = cases.map(
    ([name, make, pre, full]) => [`${name}: prefilter ${pre}, full ${full}`, make, pre, full] as Case,
  );
  it.each(named)('%s', async (_, make, expectedPrefilter, expectedFull) => {
    const jwt = make();
    const [pre, full] = await Promise.all([prefilter.plausible(jwt), verifyFully(strategy, jwt)]);
    expect({ prefilter: pre ? 'accepted' : 'refused', full: full ? 'accepted' : 'refused' }).toEqual({
      prefilter: expectedPrefilter,
      full: expectedFull,
    });
  });
}

describe('token verification: prefilter and passport-jwt on the same tokens', () => {
  describe('AUTH_TOKEN_TYPES=at+jwt (the default)', () => {
    verdicts(base, [
      ['a valid RS256 token', () => token(), 'accepted', 'accepted'],
      ['a valid PS256 token', () => token({}, { alg: 'PS256' }), 'accepted', 'accepted'],
      ['a valid ES256 token', () => token({}, { alg: 'ES256' }), 'accepted', 'accepted'],
      ['a valid ES384 token', () => token({}, { alg: 'ES384' }), 'accepted', 'accepted'],
      ['typ AT+JWT (media types ignore case)', () => token({}, { typ: 'AT+JWT' }), 'accepted', 'accepted'],
      [
        'typ application/at+jwt (RFC 9068 §2.1)',
        () => token({}, { typ: 'application/at+jwt' }),
        'accepted',
        'accepted',
      ],
      ['typ Application/At+Jwt', () => token({}, { typ: 'Application/At+Jwt' }), 'accepted', 'accepted'],
      ['an audience array', () => token({ aud: ['other', base.audience] }), 'accepted', 'accepted'],
      ['expiry within the clock tolerance', () => token({ exp: now - 20 }), 'accepted', 'accepted'],
      ['nbf within the clock tolerance', () => token({ nbf: now + 20 }), 'accepted', 'accepted'],

      ['typ JWT (an ID token shape)', () => token({}, { typ: 'JWT' }), 'refused', 'refused'],
      [
        'an ID token carrying the API audience',
        () => token({ nonce: 'n', azp: 'spa' }, { typ: 'JWT' }),
        'refused',
        'refused',
      ],
      ['no typ', () => token({}, { typ: undefined }), 'refused', 'refused'],
      ['typ id_token+jwt', () => token({}, { typ: 'id_token+jwt' }), 'refused', 'refused'],
      ['typ logout+jwt', () => token({}, { typ: 'logout+jwt' }), 'refused', 'refused'],
      ['typ text/at+jwt (another top-level type)', () => token({}, { typ: 'text/at+jwt' }), 'refused', 'refused'],
      ['typ at+jwt with a parameter', () => token({}, { typ: 'at+jwt; charset=utf-8' }), 'refused', 'refused'],
      ['typ with a trailing space', () => token({}, { typ: 'at+jwt ' }), 'refused', 'refused'],
      ['typ as an array', () => token({}, { typ: ['at+jwt'] }), 'refused', 'refused'],
      ['typ as a number', () => token({}, { typ: 1 }), 'refused', 'refused'],
      ['a typ claim in the payload only', () => token({ typ: 'at+jwt' }, { typ: undefined }), 'refused', 'refused'],

      ['a bad signature', () => token({}, { key: other.privateKey }), 'refused', 'refused'],
      [
        'a signature by a key published under another kid',
        () => token({}, { alg: 'ES256', kid: 'ec384' }),
        'refused',
        'refused',
      ],
      ['an unknown kid', () => token({}, { kid: 'nope' }), 'refused', 'refused'],
      ['an algorithm not configured', () => token({}, { alg: 'RS512' }), 'refused', 'refused'],
      ['alg none', () => `${b64({ alg: 'none', typ: 'at+jwt' })}.${b64(claims)}.`, 'refused', 'refused'],
      ['another issuer', () => token({ iss: 'https://evil.test' }), 'refused', 'refused'],
      ['another audience', () => token({ aud: 'https://other.test' }), 'refused', 'refused'],
      ['no audience', () => token({ aud: undefined }), 'refused', 'refused'],
      ['expiry beyond the tolerance', () => token({ exp: now - 45 }), 'refused', 'refused'],
      ['no expiry', () => token({ exp: undefined }), 'refused', 'refused'],
      ['not yet valid', () => token({ nbf: now + 60 }), 'refused', 'refused'],
      ['a payload that is not an object', () => token().replace(/\.[^.]+\./, `.${b64([1])}.`), 'refused', 'refused'],
      ['two parts', () => token().split('.').slice(0, 2).join('.'), 'refused', 'refused'],
      ['four parts', () => `${token()}.x`, 'refused', 'refused'],
      ['garbage', () => 'not-a-token', 'refused', 'refused'],

      // Left to the full verification: claims the prefilter does not read.
      ['no sub', () => token({ sub: undefined }), 'accepted', 'refused'],
      ['iat in the future', () => token({ iat: now + 300 }), 'accepted', 'refused'],
      ['permissions as a string', () => token({ permissions: 'approve:timesheets' }), 'accepted', 'refused'],
    ]);
  });

  describe('AUTH_TOKEN_TYPES=JWT (Keycloak, Auth0 profile)', () => {
    verdicts({ ...base, tokenTypes: ['jwt'] }, [
      ['typ JWT', () => token({}, { typ: 'JWT' }), 'accepted', 'accepted'],
      ['typ application/jwt', () => token({}, { typ: 'application/jwt' }), 'accepted', 'accepted'],
      ['typ at+jwt (not configured)', () => token(), 'refused', 'refused'],
      ['no typ', () => token({}, { typ: undefined }), 'refused', 'refused'],
    ]);
  });

  describe('AUTH_TOKEN_TYPES=at+jwt,JWT (while migrating)', () => {
    verdicts({ ...base, tokenTypes: ['at+jwt', 'jwt'] }, [
      ['typ at+jwt', () => token(), 'accepted', 'accepted'],
      ['typ JWT', () => token({}, { typ: 'JWT' }), 'accepted', 'accepted'],
      ['typ id_token+jwt', () => token({}, { typ: 'id_token+jwt' }), 'refused', 'refused'],
      ['no typ', () => token({}, { typ: undefined }), 'refused', 'refused'],
    ]);
  });

  describe('AUTH_TOKEN_TYPE_REQUIRED=false (Okta types no token)', () => {
    verdicts({ ...base, requireTokenType: false }, [
      ['no typ (Okta: alg and kid only)', () => token({}, { typ: undefined }), 'accepted', 'accepted'],
      ['typ at+jwt', () => token(), 'accepted', 'accepted'],
      ['typ JWT (not configured)', () => token({}, { typ: 'JWT' }), 'refused', 'refused'],
      ['typ null', () => token({}, { typ: null }), 'refused', 'refused'],
      ['typ empty', () => token({}, { typ: '' }), 'refused', 'refused'],
      [
        'no typ, another audience (an Okta ID token: aud is the client id)',
        () => token({ aud: '0oa1' }, { typ: undefined }),
        'refused',
        'refused',
      ],
    ]);
  });

  describe('provider claims the prefilter leaves to the full verification', () => {
    verdicts({ ...base, subjectClaim: 'oid', rolePermissions: { Manager: ['approve:timesheets'] } }, [
      [
        'an Entra token with oid and roles',
        () => token({ oid: 'o1', scp: 'approve:timesheets', roles: ['Manager'] }),
        'accepted',
        'accepted',
      ],
      ['no oid', () => token({ scp: 'approve:timesheets', roles: ['Manager'] }), 'accepted', 'refused'],
      ['scp as a number', () => token({ oid: 'o1', scp: 1 }), 'accepted', 'refused'],
      ['roles as a string', () => token({ oid: 'o1', roles: 'Manager' }), 'accepted', 'refused'],
    ]);
  });
});
