import type { ClientPolicyRequest, ClientPolicyResponse } from '@timesheets/contracts';
import { grantableMachineScopes, MachineClients, presentedSecret } from './machine-clients';
import type { OidcContext } from './oidc-types';
import { clientPolicyUrl, parseClientPolicyResponse, PolicyUnavailableError } from './policy-client';

const ID = 'mc_AAAAAAAAAAAAAAAAAAAAAA';
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
const ctx = (over: { route?: string; params?: Record<string, unknown>; authorization?: string } = {}): OidcContext =>
  ({
    headers: over.authorization ? { authorization: over.authorization } : {},
    oidc: { route: over.route ?? 'token', params: over.params ?? {} },
  }) as unknown as OidcContext;

describe('machine clients at the provider', () => {
  it('reads the presented secret as oidc-provider does (body, or Basic with form-encoded parts)', () => {
    expect(presentedSecret(ctx({ params: { client_secret: 's1' } }))).toBe('s1');
    expect(presentedSecret(ctx({ authorization: basic(ID, 'a%2Bb+c') }))).toBe('a+b c');
    for (const authorization of ['Bearer x', basic(ID, ''), 'Basic', 'Basic a b', `Basic ${btoa('no-colon')}`])
      expect(presentedSecret(ctx({ authorization }))).toBeNull();
    expect(presentedSecret(ctx({ authorization: basic(ID, '%E0%A4%A') }))).toBeNull();
  });

  it('grants requested ∩ allowed, machine scopes only', () => {
    expect(grantableMachineScopes(['import:timesheets', 'read:timesheets'], ['import:timesheets'])).toEqual([
      'import:timesheets',
    ]);
    expect(grantableMachineScopes(['read:timesheets'], ['read:timesheets', 'import:timesheets'])).toEqual([]);
    expect(grantableMachineScopes(['import:timesheets'], [])).toEqual([]);
  });

  it('asks the API once per request, at the token endpoint only, and returns the presented secret as metadata', async () => {
    const asked: ClientPolicyRequest[] = [];
    let answer: ClientPolicyResponse = { active: true, clientId: ID, name: 'Job', scopes: ['import:timesheets'] };
    const clients = new MachineClients({
      authenticateClient: async (r) => {
        asked.push(r);
        return answer;
      },
    });
    const run = <T>(c: OidcContext, fn: () => Promise<T>) => clients.middleware(c, fn) as Promise<T>;
    const token = ctx({ authorization: basic(ID, 'secret-1') });
    const meta = await run(token, () => clients.metadata(ID));
    expect(meta).toMatchObject({ client_id: ID, client_secret: 'secret-1', grant_types: ['client_credentials'] });
    await run(token, () => clients.metadata(ID));
    expect(asked).toEqual([{ clientId: ID, clientSecret: 'secret-1' }]);
    (token.oidc as { client?: unknown }).client = { clientId: ID };
    expect(await clients.allowedScopes(token)).toEqual(['import:timesheets']);

    expect(await run(ctx({ route: 'authorization', params: { client_secret: 's' } }), () => clients.metadata(ID))).toBe(
      undefined,
    );
    expect(await run(ctx(), () => clients.metadata(ID))).toBeUndefined();
    expect(await clients.metadata(ID)).toBeUndefined();
    expect(await run(token, () => clients.metadata('timesheets-spa'))).toBeUndefined();
    answer = { active: false };
    expect(await run(ctx({ params: { client_secret: 'wrong' } }), () => clients.metadata(ID))).toBeUndefined();
    expect(asked).toHaveLength(2);
  });

  it('parses the API answer strictly and keeps machine scopes only', () => {
    expect(parseClientPolicyResponse({ active: false, clientId: ID })).toEqual({ active: false });
    expect(
      parseClientPolicyResponse({ active: true, clientId: ID, name: 'n', scopes: ['import:timesheets', 'read:users'] }),
    ).toEqual({ active: true, clientId: ID, name: 'n', scopes: ['import:timesheets'] });
    for (const body of [null, {}, { active: 'true' }, { active: true, clientId: ID, name: 'n', scopes: 'x' }])
      expect(() => parseClientPolicyResponse(body)).toThrow(PolicyUnavailableError);
  });

  it('finds the client-policy endpoint beside the policy endpoint', () => {
    expect(clientPolicyUrl('http://api:3333/api/authz/policy').toString()).toBe(
      'http://api:3333/api/authz/client-policy',
    );
  });
});
