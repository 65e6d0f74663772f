import type { IncomingMessage } from 'node:http';
import { parseTrustProxy, type TrustProxy } from '@timesheets/server-config';
import { applyTrustProxy } from './forwarded-headers';

const setting = (value: string) => parseTrustProxy('TRUST_PROXY', value) as TrustProxy;
const request = (peer: string, headers: Record<string, string>) =>
  ({
    socket: { remoteAddress: peer },
    connection: { remoteAddress: peer },
    headers: { ...headers },
  }) as unknown as IncomingMessage;
const forwarded = {
  'x-forwarded-for': '6.6.6.6, 198.51.100.7',
  'x-forwarded-proto': 'https',
  'x-forwarded-host': 'id.exampleco.test',
  forwarded: 'for=6.6.6.6',
};

describe('applyTrustProxy', () => {
  it('drops every X-Forwarded-* header when no proxy is trusted', () => {
    const req = request('10.0.0.5', forwarded);
    applyTrustProxy(req, setting('false'));
    expect(req.headers).toEqual({});
  });

  it('drops them from a peer that is not one of the proxies', () => {
    const req = request('203.0.113.9', forwarded);
    applyTrustProxy(req, setting('10.0.0.0/8'));
    expect(req.headers).toEqual({});
  });

  it('keeps them from a proxy and reduces X-Forwarded-For to the address that proxy saw', () => {
    const req = request('10.0.0.5', forwarded);
    applyTrustProxy(req, setting('10.0.0.0/8'));
    expect(req.headers).toMatchObject({
      'x-forwarded-for': '198.51.100.7',
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'id.exampleco.test',
    });
  });

  it('with a hop count, takes the entry that many hops in', () => {
    const one = request('10.0.0.5', forwarded);
    applyTrustProxy(one, setting('1'));
    expect(one.headers['x-forwarded-for']).toBe('198.51.100.7');
    const two = request('10.0.0.5', forwarded);
    applyTrustProxy(two, setting('2'));
    expect(two.headers['x-forwarded-for']).toBe('6.6.6.6');
  });
});
