import {
  addWeeks,
  type ApprovalQueueItem,
  type BookableProjectDto,
  isoWeekOf,
  type Page,
  type WeekDto,
} from '@timesheets/contracts';
import { databaseEngines } from '@timesheets/api-testing';
import { startE2eEnv, type E2eEnv } from '../support/env';
import { authzClient, type Person, POLICY_KEY } from '../authz/authz-support';
import { today } from './domain-support';

/** `npm start`'s living demo: whoever of alice and bob signs in first, alice ends up with weeks in every state. */
describe.each(databaseEngines())('demo data (%s)', (engine) => {
  const current = () => isoWeekOf(today());

  async function demo(order: ['alice' | 'bob', 'alice' | 'bob']) {
    const env = await startE2eEnv(engine, {
      AUTHZ_POLICY_KEY: POLICY_KEY,
      AUTHZ_DEMO_USERS: 'true',
      DEMO_DATA: 'true',
    });
    const api = authzClient(env);
    const people: Record<string, Person> = {};
    for (const who of order)
      people[who] = await api.signIn(`${who}@exampleco.test`, who === 'alice' ? 'Alice Employee' : 'Bob Manager');
    return { env, api, alice: people['alice'], bob: people['bob'] };
  }

  async function check(env: E2eEnv, api: ReturnType<typeof authzClient>, alice: Person, bob: Person) {
    const projects = (await api.call<BookableProjectDto[]>('GET', '/projects', alice.token)).body.map((p) => p.code);
    expect(projects).toEqual(['CONTOSO-ERP', 'INTERNAL', 'NW-APP', 'NW-WEB', 'TRAINING']);
    const week = async (n: number) =>
      (await api.call<WeekDto>('GET', `/weeks/${addWeeks(current(), n)}`, alice.token)).body;
    expect((await week(0)).state).toBe('draft');
    expect((await week(-1)).state).toBe('pending');
    const rejected = await week(-2);
    expect(rejected.state).toBe('rejected');
    expect(rejected.entries.every((e) => e.rejectionReason && e.decidedBy === bob.sub)).toBe(true);
    for (const n of [-3, -4]) {
      const approved = await week(n);
      expect(approved.state).toBe('approved');
      expect(approved.totals.week).toBe(40);
    }
    const queue = await api.call<Page<ApprovalQueueItem>>('GET', '/approvals', bob.token);
    expect(queue.body.items.map((i) => [i.person.email, i.week])).toEqual([
      ['alice@exampleco.test', addWeeks(current(), -1)],
    ]);
    await env.close();
  }

  it('seeds the team, projects and weeks when alice signs in first', async () => {
    const { env, api, alice, bob } = await demo(['alice', 'bob']);
    await check(env, api, alice, bob);
  });

  it('and when bob signs in first', async () => {
    const { env, api, alice, bob } = await demo(['bob', 'alice']);
    await check(env, api, alice, bob);
  });
});
