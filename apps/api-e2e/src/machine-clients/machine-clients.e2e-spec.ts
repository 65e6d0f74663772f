import { randomUUID } from 'node:crypto';
import {
  CLIENT_POLICY_PATH,
  type AuditEntryDto,
  type ClientPolicyResponse,
  type IssuedClientSecretDto,
  type MachineClientDto,
  type MeResponse,
  type Page,
  POLICY_API_KEY_HEADER,
  type RoleDto,
} from '@timesheets/contracts';
import { databaseEngines, http, type HttpResult } from '@timesheets/api-testing';
import { startE2eEnv, type E2eEnv } from '../support/env';
import { authzClient, POLICY_KEY, type Person } from '../authz/authz-support';

const ROOT = 'root@exampleco.test';

/**
 * Machine clients through the API alone (the provider's side is in apps/idp-e2e): registration with a secret shown
 * once and stored hashed, the provider's client-policy question, rotation with an overlap, revocation, the
 * no-escalation rule for a client's scopes, and machine tokens known as clients with machine scopes only.
 */
describe.each(databaseEngines())('machine clients (%s)', (engine) => {
  let env: E2eEnv;
  let api: ReturnType<typeof authzClient>;
  let root: Person;

  const admin = <T = unknown>(method: string, path: string, body?: unknown, who: Person = root) =>
    api.call<T>(method, `/admin${path}`, who.token, body);
  const clientPolicy = (body: unknown, key: string | null = POLICY_KEY) =>
    http<ClientPolicyResponse>('POST', `${env.api.url}${CLIENT_POLICY_PATH.replace(/^\/api/, '')}`, {
      body,
      headers: key === null ? {} : { [POLICY_API_KEY_HEADER]: key },
    });
  /** What the embedded provider issues for a client-credentials grant (RFC 9068 §2.2: sub is the client's id). */
  const machineToken = (clientId: string, scope: string) => env.issuer.mint(clientId, scope, { client_id: clientId });
  const register = async (
    body: unknown = { name: `Job ${randomUUID().slice(0, 6)}`, scopes: ['import:timesheets'] },
  ) => {
    const res = await admin<IssuedClientSecretDto>('POST', '/clients', body);
    expect(res.status).toBe(201);
    return res.body;
  };

  beforeAll(async () => {
    env = await startE2eEnv(engine, { AUTHZ_POLICY_KEY: POLICY_KEY, AUTHZ_BOOTSTRAP_ADMINS: ROOT });
    api = authzClient(env);
    root = await api.signIn(ROOT, 'Root Admin');
  });
  afterAll(() => env.close());

  it('registers a client: the secret is shown once and only its hash is stored; the audit names the admin', async () => {
    const issued = await register({ name: 'Badge reader', scopes: ['import:timesheets'], importStatus: 'pending' });
    expect(issued.clientSecret).toMatch(/^mcs_[A-Za-z0-9_-]{43}$/);
    expect(issued.client).toMatchObject({
      name: 'Badge reader',
      scopes: ['import:timesheets'],
      importStatus: 'pending',
      createdBy: 'Root Admin',
      previousSecretExpiresAt: null,
      revokedAt: null,
    });
    expect(issued.client.id).toMatch(/^mc_[A-Za-z0-9_-]{22}$/);
    const list = await admin<MachineClientDto[]>('GET', '/clients');
    expect(list.body).toContainEqual(issued.client);
    expect(list.text).not.toContain(issued.clientSecret);
    expect((await admin<MachineClientDto>('GET', `/clients/${issued.client.id}`)).body).toEqual(issued.client);
    // Nowhere in the database, nor in the audit log
    expect(await env.snapshot()).not.toContain(issued.clientSecret);
    const audit = await admin<Page<AuditEntryDto>>('GET', `/audit?targetType=client&targetId=${issued.client.id}`);
    expect(audit.body.items).toEqual([
      expect.objectContaining({ action: 'client.create', actorId: root.sub, actorName: 'Root Admin' }),
    ]);
  });

  it('answers the provider: active with the scopes for the right secret; the same inactive answer otherwise', async () => {
    const { client, clientSecret } = await register();
    const ok = await clientPolicy({ clientId: client.id, clientSecret });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ active: true, clientId: client.id, name: client.name, scopes: ['import:timesheets'] });
    for (const body of [
      { clientId: client.id, clientSecret: `${clientSecret.slice(0, -1)}${clientSecret.endsWith('x') ? 'y' : 'x'}` },
      { clientId: client.id, clientSecret: 'mcs_' },
      { clientId: 'mc_AAAAAAAAAAAAAAAAAAAAAA', clientSecret },
      { clientId: 'timesheets-spa', clientSecret },
    ]) {
      expect(await clientPolicy(body)).toMatchObject({ status: 200, body: { active: false } });
    }
    expect((await clientPolicy({ clientId: client.id, clientSecret }, null)).status).toBe(401);
    expect((await clientPolicy({ clientId: client.id, clientSecret }, 'wrong-key-0123456789')).status).toBe(401);
    expect((await clientPolicy({ clientId: client.id })).status).toBe(400);
  });

  it('a machine token is a client with machine scopes only; a person never gets a machine scope', async () => {
    const { client } = await register();
    const token = machineToken(client.id, 'import:timesheets read:timesheets create:timesheets');
    const me = await api.call<MeResponse>('GET', '/me', token);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ subject: client.id, scopes: ['import:timesheets'], roles: [] });
    expect((await api.call('GET', '/timesheets', token)).status).toBe(403);
    // A client this API did not register (its registry is the API's own): nothing
    const stranger = machineToken('mc_AAAAAAAAAAAAAAAAAAAAAA', 'import:timesheets');
    expect((await api.call<MeResponse>('GET', '/me', stranger)).body.scopes).toEqual([]);
    // A person's token naming a machine scope: ignored
    const person = await api.signIn(`p-${randomUUID().slice(0, 6)}@exampleco.test`);
    const userToken = env.issuer.mint(person.sub, 'import:timesheets read:timesheets');
    expect((await api.call<MeResponse>('GET', '/me', userToken)).body.scopes).toEqual([]);
  });

  it('the security log names the client', async () => {
    const { client } = await register({ name: 'Nightly job', scopes: ['import:timesheets'] });
    env.api.clearEvents();
    expect((await api.call('GET', '/admin/users', machineToken(client.id, 'import:timesheets'))).status).toBe(403);
    const line = env.api.events().find((e) => e['type'] === 'security');
    expect(line).toMatchObject({ subject: client.id, client: client.id, clientName: 'Nightly job', status: 403 });
  });

  it('rotates: the old secret works until the overlap ends, or not at all with overlapSeconds 0', async () => {
    const { client, clientSecret: first } = await register();
    const before = Date.now();
    const rotated = await admin<IssuedClientSecretDto>('POST', `/clients/${client.id}/secret`, {});
    expect(rotated.status).toBe(200);
    const second = rotated.body.clientSecret;
    expect(second).not.toBe(first);
    // The default overlap: CLIENT_SECRET_OVERLAP_SECONDS (one day)
    const until = Date.parse(rotated.body.client.previousSecretExpiresAt ?? '');
    expect(until).toBeGreaterThanOrEqual(before + 86_400_000 - 1000);
    expect(until).toBeLessThanOrEqual(Date.now() + 86_400_000);
    for (const secret of [first, second])
      expect((await clientPolicy({ clientId: client.id, clientSecret: secret })).body.active).toBe(true);
    // After a leak: a new secret, and every older one ends now
    const third = (await admin<IssuedClientSecretDto>('POST', `/clients/${client.id}/secret`, { overlapSeconds: 0 }))
      .body;
    expect(third.client.previousSecretExpiresAt).toBeNull();
    for (const secret of [first, second])
      expect((await clientPolicy({ clientId: client.id, clientSecret: secret })).body.active).toBe(false);
    expect((await clientPolicy({ clientId: client.id, clientSecret: third.clientSecret })).body.active).toBe(true);
    const actions = (
      await admin<Page<AuditEntryDto>>('GET', `/audit?targetType=client&targetId=${client.id}`)
    ).body.items.map((e) => e.action);
    expect(actions).toEqual(['client.secret.rotate', 'client.secret.rotate', 'client.create']);
  });

  it('revokes: the provider gets inactive, its tokens get nothing at once, and it cannot be changed any more', async () => {
    const { client, clientSecret } = await register();
    const token = machineToken(client.id, 'import:timesheets');
    expect((await api.call<MeResponse>('GET', '/me', token)).body.scopes).toEqual(['import:timesheets']);
    const revoked = await admin<MachineClientDto>('POST', `/clients/${client.id}/revoke`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    expect((await clientPolicy({ clientId: client.id, clientSecret })).body).toEqual({ active: false });
    expect((await api.call<MeResponse>('GET', '/me', token)).body.scopes).toEqual([]);
    await env.unchanged(async () => {
      expect((await admin('PATCH', `/clients/${client.id}`, { name: 'Back again' })).status).toBe(409);
      expect((await admin('POST', `/clients/${client.id}/secret`, {})).status).toBe(409);
      expect((await admin<MachineClientDto>('POST', `/clients/${client.id}/revoke`)).body).toEqual(revoked.body);
    });
  });

  it('refuses bad registrations with 400 and changes nothing', async () => {
    const { client } = await register();
    await env.unchanged(async () => {
      for (const body of [
        { name: 'x', scopes: ['read:timesheets'] },
        { name: 'x', scopes: [] },
        { name: 'x', scopes: 'import:timesheets' },
        { name: '', scopes: ['import:timesheets'] },
        { name: 'x'.repeat(101), scopes: ['import:timesheets'] },
        { name: 'x', scopes: ['import:timesheets'], importStatus: 'approved' },
        { name: 'x', scopes: ['import:timesheets'], secret: 'mine' },
      ]) {
        expect({ body, status: (await admin('POST', '/clients', body)).status }).toEqual({ body, status: 400 });
      }
      expect((await admin('PATCH', `/clients/${client.id}`, { scopes: ['approve:timesheets'] })).status).toBe(400);
      for (const overlapSeconds of [-1, 1.5, 30 * 86_400 + 1, '60'])
        expect((await admin('POST', `/clients/${client.id}/secret`, { overlapSeconds })).status).toBe(400);
      for (const id of ['mc_AAAAAAAAAAAAAAAAAAAAAA', 'nope'])
        expect((await admin('GET', `/clients/${id}`)).status).toBe(404);
      expect((await admin('GET', '/clients/%00')).status).toBe(400); // unstorable text, refused before the service
    });
  });

  describe('no escalation through a client', () => {
    async function partialAdmin(permissions: string[]): Promise<Person> {
      const tag = randomUUID().slice(0, 8);
      const role = await admin<RoleDto>('POST', '/roles', { name: `clients-${tag}`, permissions });
      expect(role.status).toBe(201);
      const person = await api.signIn(`clients-${tag}@exampleco.test`);
      expect((await admin('PUT', `/users/${person.userId}/roles/${role.body.id}`)).status).toBe(200);
      return person;
    }
    const refused = (res: HttpResult<unknown>, missing: string[]) => {
      expect(res.status).toBe(403);
      expect((res.body as { message: string }).message).toBe(
        `This change would grant permissions you do not hold: ${missing.join(', ')}`,
      );
    };

    it('manage:clients alone may not give a client import:timesheets, nor widen one, but may rotate and revoke', async () => {
      const mallory = await partialAdmin(['manage:clients']);
      const { client } = await register();
      const narrow = await admin<MachineClientDto>('POST', '/clients', {
        name: 'narrow',
        scopes: ['import:timesheets'],
      });
      await env.unchanged(async () => {
        refused(await admin('POST', '/clients', { name: 'mine', scopes: ['import:timesheets'] }, mallory), [
          'import:timesheets',
        ]);
      });
      expect(narrow.status).toBe(201);
      expect((await admin('PATCH', `/clients/${client.id}`, { name: 'Renamed' }, mallory)).status).toBe(200);
      expect((await admin('POST', `/clients/${client.id}/secret`, {}, mallory)).status).toBe(200);
      expect((await admin('POST', `/clients/${client.id}/revoke`, undefined, mallory)).status).toBe(200);
    });

    it('a delegated admin holding import:timesheets as a permission may give it', async () => {
      expect(
        (await admin('POST', '/permissions', { name: 'import:timesheets', description: 'May authorise imports' }))
          .status,
      ).toBe(201);
      const delegate = await partialAdmin(['manage:clients', 'import:timesheets']);
      const res = await admin<IssuedClientSecretDto>(
        'POST',
        '/clients',
        { name: 'delegated', scopes: ['import:timesheets'] },
        delegate,
      );
      expect(res.status).toBe(201);
      // ... which never reaches a person's token
      expect((await api.call<MeResponse>('GET', '/me', delegate.token)).body.scopes).not.toContain('import:timesheets');
    });
  });
});
