import { EnvReader } from './config';
import { parseTrustProxy, type TrustProxy } from './trust-proxy';

const parse = (value: string | undefined) => parseTrustProxy('TRUST_PROXY', value);
const ok = (value: string) => {
  const parsed = parse(value);
  if ('problem' in parsed) throw new Error(parsed.problem);
  return parsed as TrustProxy;
};

describe('TRUST_PROXY', () => {
  it.each([undefined, '', 'false', 'off', '0', 'none'])('trusts no proxy for %p', (value) => {
    expect(parse(value)).toEqual({ description: 'off', trust: false });
  });

  it.each(['true', 'TRUE', 'yes', 'on', '*'])('refuses %s, saying what to set instead', (value) => {
    const parsed = parse(value);
    expect(parsed).toHaveProperty('problem');
    const problem = (parsed as { problem: string }).problem;
    expect(problem).toContain('TRUST_PROXY');
    expect(problem).toContain('would trust every hop');
    expect(problem).toMatch(/TRUST_PROXY=10\.0\.0\.0\/8/);
    expect(problem).toMatch(/TRUST_PROXY=1\b/);
  });

  it('takes a hop count: the nearest N peers are proxies', () => {
    const two = ok('2');
    expect(two.description).toBe('2 hops');
    const trust = two.trust as (a: string, i: number) => boolean;
    expect([0, 1, 2].map((hop) => trust('203.0.113.9', hop))).toEqual([true, true, false]);
  });

  it('takes addresses, CIDRs and named ranges: only those peers are proxies, at any hop', () => {
    const list = ok('10.0.0.0/8, 192.0.2.7, loopback, fd00::/8');
    expect(list.description).toBe('10.0.0.0/8, 192.0.2.7, loopback, fd00::/8');
    const trust = list.trust as (a: string, i: number) => boolean;
    expect(trust('10.1.2.3', 3)).toBe(true);
    expect(trust('192.0.2.7', 0)).toBe(true);
    expect(trust('192.0.2.8', 0)).toBe(false);
    expect(trust('127.0.0.1', 0)).toBe(true);
    expect(trust('::1', 0)).toBe(true);
    expect(trust('fd12::1', 1)).toBe(true);
    expect(trust('203.0.113.9', 0)).toBe(false);
  });

  it.each([
    '11',
    '999',
    '10.0.0.0/0',
    '::/0',
    '10.0.0.0/33',
    '10.0.0',
    'proxy.example',
    '10.0.0.1;10.0.0.2',
    '1.2.3.4/x',
    ',',
  ])('refuses %p naming the variable', (value) => {
    const parsed = parse(value);
    expect(parsed).toHaveProperty('problem');
    expect((parsed as { problem: string }).problem).toMatch(/^TRUST_PROXY/);
  });

  it('is read by EnvReader, which reports the problem with the others', () => {
    const r = new EnvReader({ TRUST_PROXY: 'true', PORT: 'x' });
    expect(r.trustProxy('TRUST_PROXY').trust).toBe(false);
    r.int('PORT', 1);
    expect(() => r.done()).toThrow(/TRUST_PROXY=true would trust every hop[\s\S]*PORT must be/);
  });
});
