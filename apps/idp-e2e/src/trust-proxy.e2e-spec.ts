import { Browser, csrfOf, formAction } from './support/browser';
import {
  authorizeAndLogin,
  DEMO_PASSWORD,
  freePort,
  spaClient,
  spaClientMetadata,
  SPA_REDIRECT,
  startIdp,
  type RunningIdp,
} from './support/idp-harness';
import { startPolicyStub, type PolicyStub } from './support/policy-stub';
import { pkce, RelyingParty, type ServerMetadata } from './support/relying-party';

/**
 * X-Forwarded-* at the provider (TRUST_PROXY, as in the API): the login throttle's address is the one the trusted
 * proxy saw, never what a client wrote, and an untrusted peer cannot move the provider's URLs to another host.
 * The tests' requests come from 127.0.0.1, which plays the proxy when it is trusted.
 */
describe('the provider behind a proxy (TRUST_PROXY)', () => {
  let policy: PolicyStub;
  beforeAll(async () => {
    policy = await startPolicyStub();
  });
  afterAll(() => policy.close());

  /** A browser behind the proxy: the client wrote a random X-Forwarded-For entry, the proxy appended `client`. */
  const behindProxy = (client: string) =>
    new Browser({ 'x-forwarded-for': `203.0.113.${1 + Math.floor(Math.random() * 250)}, ${client}` });

  async function failLogin(op: RunningIdp, browser: Browser, email: string) {
    const { challenge } = await pkce();
    const url = new URL(`${op.issuer}/auth`);
    const params = {
      client_id: 'timesheets-spa',
      response_type: 'code',
      scope: 'openid read:timesheets',
      redirect_uri: SPA_REDIRECT,
      code_challenge: challenge,
      code_challenge_method: 'S256',
      state: 'st',
    };
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    const page = await browser.page(url.toString());
    const act = new URL(formAction(page.html, '/login'), page.url).toString();
    return browser.page(act, { method: 'POST', form: { csrf: csrfOf(page.html), email, password: 'wrong-password' } });
  }

  describe('TRUST_PROXY=127.0.0.1', () => {
    let op: RunningIdp;
    beforeAll(async () => {
      op = await startIdp(policy, { TRUST_PROXY: '127.0.0.1' });
    });
    afterAll(() => op.destroy());

    it('throttles the address the proxy saw, whatever the client writes, and no one else', async () => {
      for (let i = 0; i < 20; i++) {
        expect((await failLogin(op, behindProxy('198.51.100.7'), `nobody${i}@exampleco.test`)).status).toBe(401);
      }
      const client = await spaClient(op.issuer);
      await expect(
        authorizeAndLogin(client, 'bob@exampleco.test', DEMO_PASSWORD, {}, behindProxy('198.51.100.7')),
      ).rejects.toThrow(/429/);
      // Another client behind the same proxy is not locked out by the first one's failures.
      const other = await authorizeAndLogin(
        client,
        'bob@exampleco.test',
        DEMO_PASSWORD,
        {},
        behindProxy('198.51.100.8'),
      );
      expect(new URL(other.callbackUrl).searchParams.get('code')).toBeTruthy();
    });

    it('takes the host and protocol of its URLs from the proxy', async () => {
      const res = await fetch(`${op.issuer}/.well-known/openid-configuration`, {
        headers: { 'x-forwarded-host': 'id.exampleco.test', 'x-forwarded-proto': 'https' },
      });
      expect(((await res.json()) as { authorization_endpoint: string }).authorization_endpoint).toBe(
        'https://id.exampleco.test/auth',
      );
    });
  });

  describe('an https issuer whose TRUST_PROXY names other proxies', () => {
    let op: RunningIdp;
    let port: number;
    beforeAll(async () => {
      port = await freePort();
      op = await startIdp(policy, { ISSUER: `https://127.0.0.1:${port}`, TRUST_PROXY: '10.0.0.0/8' }, { port });
    });
    afterAll(() => op.destroy());

    it('ignores X-Forwarded-* from a peer that is not one of them', async () => {
      const res = await fetch(`${op.issuer}/.well-known/openid-configuration`, {
        headers: { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https', 'x-forwarded-for': '10.0.0.1' },
      });
      const discovery = (await res.json()) as { issuer: string; authorization_endpoint: string };
      expect(discovery.issuer).toBe(`https://127.0.0.1:${port}`);
      expect(discovery.authorization_endpoint).toBe(`http://127.0.0.1:${port}/auth`);
    });

    it('throttles the peer itself, whatever X-Forwarded-For says', async () => {
      for (let i = 0; i < 20; i++) await failLogin(op, behindProxy(`198.51.100.${i}`), `nobody${i}@exampleco.test`);
      // The document names the https issuer the proxy would serve while the test reaches the provider over http:
      // taken as it is (openid-client's discovery would refuse the difference).
      const discovery = (await (await fetch(`${op.issuer}/.well-known/openid-configuration`)).json()) as ServerMetadata;
      const client = await RelyingParty.of(discovery, spaClientMetadata());
      await expect(
        authorizeAndLogin(client, 'bob@exampleco.test', DEMO_PASSWORD, {}, behindProxy('198.51.100.99')),
      ).rejects.toThrow(/429/);
    });
  });
});
