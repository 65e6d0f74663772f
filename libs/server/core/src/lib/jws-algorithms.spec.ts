import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { decode, verify, type Algorithm } from 'jsonwebtoken';
import {
  JWS_ALGORITHMS,
  JWS_ALGORITHM_NAMES,
  jwsAlgorithm,
  keyFits,
  signJws,
  verifyJws,
  type JwsAlgorithm,
} from './jws-algorithms';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = {
  'P-256': generateKeyPairSync('ec', { namedCurve: 'P-256' }),
  'P-384': generateKeyPairSync('ec', { namedCurve: 'P-384' }),
  'P-521': generateKeyPairSync('ec', { namedCurve: 'P-521' }),
};
const keysFor = (name: keyof typeof JWS_ALGORITHMS): { privateKey: KeyObject; publicKey: KeyObject } => {
  const algorithm: JwsAlgorithm = JWS_ALGORITHMS[name];
  return algorithm.crv ? ec[algorithm.crv] : rsa;
};
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('JWS_ALGORITHMS', () => {
  it.each(JWS_ALGORITHM_NAMES)(
    '%s signs as jsonwebtoken (passport-jwt) verifies it, and verifies its own signatures',
    (name) => {
      const algorithm = JWS_ALGORITHMS[name];
      const { privateKey, publicKey } = keysFor(name);
      const input = `${b64({ alg: name, typ: 'JWT' })}.${b64({ sub: 'alice' })}`;
      const signature = signJws(algorithm, Buffer.from(input, 'ascii'), privateKey);
      const token = `${input}.${signature.toString('base64url')}`;

      expect(verify(token, publicKey, { algorithms: [name as Algorithm] })).toMatchObject({ sub: 'alice' });
      expect(decode(token, { complete: true })?.header.alg).toBe(name);
      expect(verifyJws(algorithm, Buffer.from(input, 'ascii'), publicKey, signature)).toBe(true);
      expect(verifyJws(algorithm, Buffer.from(`${input}x`, 'ascii'), publicKey, signature)).toBe(false);
      expect(verifyJws(algorithm, Buffer.from(input, 'ascii'), publicKey, Buffer.from('not a signature'))).toBe(false);
    },
  );

  it('has only asymmetric algorithms, and looks up nothing else', () => {
    expect(JWS_ALGORITHM_NAMES.every((name) => /^(RS|PS|ES)(256|384|512)$/.test(name))).toBe(true);
    for (const other of ['none', 'HS256', 'EdDSA', 'rs256', 'toString', '__proto__', '', 256, null, undefined])
      expect(jwsAlgorithm(other)).toBeUndefined();
  });

  it('refuses a key of another type or curve than the algorithm needs, when verifying and when signing', () => {
    const input = Buffer.from('header.payload', 'ascii');
    const es256 = JWS_ALGORITHMS.ES256;
    const rs256 = JWS_ALGORITHMS.RS256;
    const ecSignature = signJws(es256, input, ec['P-256'].privateKey);
    expect(keyFits(es256, ec['P-256'].publicKey)).toBe(true);
    expect(keyFits(es256, ec['P-384'].publicKey)).toBe(false);
    expect(keyFits(es256, rsa.publicKey)).toBe(false);
    expect(keyFits(rs256, ec['P-256'].publicKey)).toBe(false);
    expect(verifyJws(es256, input, ec['P-384'].publicKey, ecSignature)).toBe(false);
    expect(verifyJws(rs256, input, ec['P-256'].publicKey, ecSignature)).toBe(false);
    expect(() => signJws(rs256, input, ec['P-256'].privateKey)).toThrow(/does not fit/);
    expect(() => signJws(JWS_ALGORITHMS.ES384, input, ec['P-256'].privateKey)).toThrow(/does not fit/);
  });
});
