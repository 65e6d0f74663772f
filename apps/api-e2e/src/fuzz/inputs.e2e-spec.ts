import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { ALL_SCOPES, POLICY_API_KEY_HEADER } from '@timesheets/contracts';
import { databaseEngines, http } from '@timesheets/api-testing';
import { startE2eEnv, type E2eEnv } from '../support/env';
import { appRoutes } from '../support/routes';
import { POLICY_KEY } from '../authz/authz-support';
import {
  anyJson,
  anyText,
  describeRequest,
  type FuzzPools,
  type FuzzRequest,
  inputsOf,
  requestArb,
  type RouteExtras,
} from './arbitraries';
import { harvest, setUpFuzzFixture, type FuzzActor } from './fixture';
import { nestPathOf, type OpenApiDocument, type Operation, operationsOf } from './openapi';
import { send } from './send';

/**
 * Property-based tests over every input of the API, read from its own OpenAPI document: path parameters, query
 * strings, cursors and JSON bodies, schema-shaped or not, sent with a token that holds every scope. Two properties:
 * no request is answered with a 5xx (or not answered), and a write answered with a 4xx leaves every row of every table
 * as it was. Routes added later are fuzzed without editing this file; only a route that needs more than the actor's
 * token (a key, another bearer) gets a line in ROUTE_EXTRAS, and a route left out of the document one in UNDOCUMENTED.
 *
 * Bounded and repeatable: FUZZ_SEED (default below) seeds every route (each route's seed is derived from it and the
 * route, so adding routes changes no other route's inputs), FUZZ_RUNS the runs per input of a route, FUZZ_ROUTE keeps the
 * routes whose `METHOD /path` contains it, FUZZ_REPORT=1 prints the statuses each route answered.
 */

const SEED = Number(process.env['FUZZ_SEED'] ?? 20261207);
/** Runs per route and per input of the route (its path and query parameters and top-level body fields), plus one. */
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 16);
const ONLY = process.env['FUZZ_ROUTE'];
const METRICS_KEY = 'fuzz-metrics-key-0123456789';

/** What a route needs beyond the actor's bearer token, by `METHOD /api/path` as the document writes it. */
const ROUTE_EXTRAS: Record<string, RouteExtras> = {
  'POST /api/authz/policy': { headers: { [POLICY_API_KEY_HEADER]: POLICY_KEY } },
  'POST /api/authz/client-policy': { headers: { [POLICY_API_KEY_HEADER]: POLICY_KEY } },
  'POST /api/admin/import': { bodyFrom: '/admin/export' },
  'GET /api/metrics': { headers: { authorization: `Bearer ${METRICS_KEY}` } },
};
/** Nest routes deliberately missing from the OpenAPI document (fuzzed from their Nest path, without schemas). */
const UNDOCUMENTED = new Set(['GET /metrics']);

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const CLAIMS_LABEL = 'any route, any token claims';

/** Claims a trusted issuer might sign: the actor's subject or any text, profile claims and scopes of any type. */
function claimsArb(subject: string): fc.Arbitrary<Record<string, unknown>> {
  const text = fc.oneof(anyText, anyJson);
  return fc.record(
    {
      sub: fc.oneof({ weight: 2, arbitrary: fc.constant(subject) }, { weight: 3, arbitrary: text }),
      name: text,
      email: text,
      client_id: text,
      azp: text,
      cid: text,
      scope: fc.oneof({ weight: 3, arbitrary: fc.constant(ALL_SCOPES.join(' ')) }, { weight: 1, arbitrary: text }),
      permissions: fc.oneof(fc.array(fc.oneof(fc.constantFrom(...ALL_SCOPES), anyText), { maxLength: 4 }), anyJson),
      // Entra writes scp as a string, Okta as an array.
      scp: fc.oneof(fc.array(fc.oneof(fc.constantFrom(...ALL_SCOPES), anyText), { maxLength: 4 }), text),
    },
    { requiredKeys: ['sub', 'scope'] },
  );
}

const seedOf = (key: string) => (SEED ^ createHash('sha256').update(key).digest().readInt32BE(0)) | 0;

/** Which tables differ between two snapshots, with the first differing row of each. */
function tableDiff(before: string, after: string): string {
  const a = JSON.parse(before) as Record<string, string[]>;
  const b = JSON.parse(after) as Record<string, string[]>;
  return Object.keys({ ...a, ...b })
    .filter((t) => JSON.stringify(a[t]) !== JSON.stringify(b[t]))
    .map((t) => {
      const gone = (a[t] ?? []).filter((r) => !(b[t] ?? []).includes(r));
      const added = (b[t] ?? []).filter((r) => !(a[t] ?? []).includes(r));
      return `${t}: -${gone.length} +${added.length} rows (${(gone[0] ?? added[0] ?? '').slice(0, 300)})`;
    })
    .join('; ');
}

describe.each(databaseEngines())('every input of the API (%s): no 5xx, refused writes change nothing', (engine) => {
  let env: E2eEnv;
  let doc: OpenApiDocument;
  let actor: FuzzActor;

  beforeAll(async () => {
    env = await startE2eEnv(engine, {
      AUTHZ_POLICY_KEY: POLICY_KEY,
      AUTHZ_DEMO_USERS: 'true',
      METRICS_KEY,
      RATE_LIMIT_MAX: '0',
    });
    doc = (await http<OpenApiDocument>('GET', `${env.api.url}/docs/openapi.json`)).body;
    actor = await setUpFuzzFixture(env);
  });
  afterAll(async () => {
    await env.close();
  });

  /** The document's operations, plus the routes it leaves out (known ones only). */
  function operations(): Operation[] {
    const ops = operationsOf(doc);
    const documented = new Set(ops.map((o) => `${o.method} ${nestPathOf(o.path)}`));
    const missing = appRoutes(env.api.app).filter((r) => !documented.has(r.route));
    const unknown = missing.filter((r) => !UNDOCUMENTED.has(r.route)).map((r) => r.route);
    if (unknown.length > 0) {
      throw new Error(
        `routes missing from the OpenAPI document: ${unknown.join(', ')} (document them, or list them in UNDOCUMENTED)`,
      );
    }
    for (const r of missing) {
      const path = `/api${r.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`;
      ops.push({
        key: `${r.method} ${path}`,
        method: r.method,
        path,
        pathParams: [...r.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => ({ name: m[1], in: 'path', required: true })),
        query: [],
        headers: [],
        bodyRequired: false,
      });
    }
    return ops;
  }

  /** Ids and cursors the API hands out now, from every list route (first pages and pages of one). */
  async function pools(ops: Operation[]): Promise<{ read: FuzzPools; write: FuzzPools }> {
    const ids = new Set<string>();
    const cursors = new Set<string>();
    const byResource: Record<string, Set<string>> = {};
    for (const op of ops.filter((o) => o.method === 'GET' && o.pathParams.length === 0)) {
      const extras = ROUTE_EXTRAS[op.key]?.headers ?? {};
      for (const q of op.query.some((p) => p.name === 'limit') ? ['', '?limit=1'] : ['']) {
        const res = await http('GET', `${env.api.url}${op.path.slice('/api'.length)}${q}`, {
          token: actor.token,
          headers: extras,
        });
        if (res.status !== 200) continue;
        harvest(res.body, ids, cursors);
        const resource = op.path.split('/').pop() as string;
        const items: unknown = Array.isArray(res.body) ? res.body : (res.body as { items?: unknown })?.items;
        for (const item of Array.isArray(items) ? items : []) {
          const id = (item as { id?: unknown })?.id;
          if (typeof id === 'string') (byResource[resource] ??= new Set()).add(id);
        }
      }
    }
    const open = (id: string) => !actor.protectedIds.has(id);
    const pool = (keep: (id: string) => boolean): FuzzPools => ({
      ids: [...ids].filter(keep).sort(),
      byResource: Object.fromEntries(Object.entries(byResource).map(([r, s]) => [r, [...s].filter(keep).sort()])),
      cursors: [...cursors].sort(),
    });
    return { read: pool(() => true), write: pool(open) };
  }

  interface Case {
    request: FuzzRequest;
    write: boolean;
    /** The token's claims, when they are what varies. */
    claims?: Record<string, unknown>;
  }

  /**
   * Runs one property: every generated case is sent; any 5xx or dropped connection fails it, and so does a write
   * refused with a 4xx after which a row of some table differs. Returns the statuses seen and a failure text.
   */
  async function fuzz(label: string, cases: fc.Arbitrary<Case>, numRuns: number) {
    const statuses = new Map<number, number>();
    let current = await env.snapshot();
    let stale = false; // a read ran since the last snapshot (it should change nothing, but is not asserted)
    const property = fc.asyncProperty(cases, async ({ request, write }) => {
      if (write && stale) current = await env.snapshot();
      stale = !write;
      const res = await send(env.api.url, request);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (write) {
        const after = await env.snapshot();
        const before = current;
        current = after;
        if (res.status >= 400 && res.status < 500 && after !== before) {
          throw new Error(`refused with ${res.status} but changed the database: ${tableDiff(before, after)}`);
        }
      }
      if (res.status === 0 || res.status >= 500) throw new Error(`answered ${res.status}: ${res.text.slice(0, 300)}`);
    });
    const seed = seedOf(label);
    const details = await fc.check(property, { seed, numRuns, interruptAfterTimeLimit: 120_000 });
    const failure = details.failed
      ? [
          `${label}: ${details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance)}`,
          `  after ${details.numRuns} runs, shrunk ${details.numShrinks} times; the smallest failing request:`,
          ...((details.counterexample?.[0] as Case | undefined)
            ? describeCase(details.counterexample?.[0] as Case)
                .split('\n')
                .map((l) => `    ${l}`)
            : []),
          `  replay: FUZZ_SEED=${SEED} FUZZ_ROUTE='${label}' npx jest -c apps/api-e2e/jest.config.cts apps/api-e2e/src/fuzz/inputs.e2e-spec.ts`,
          `  (fast-check seed ${seed}, path ${details.counterexamplePath})`,
        ].join('\n')
      : null;
    const summary = `${label.padEnd(52)} ${String(numRuns).padStart(4)} runs: ${[...statuses.entries()]
      .sort(([x], [y]) => x - y)
      .map(([st, n]) => `${st}×${n}`)
      .join(' ')}`;
    return { failure, summary };
  }

  const describeCase = (c: Case) =>
    c.claims
      ? `${describeRequest(c.request)}\n(token claims: ${JSON.stringify(c.claims)})`
      : describeRequest(c.request);

  /** Everything one route's requests are made of, read from the running API now. */
  async function sourcesFor(op: Operation, ops: Operation[], known?: Awaited<ReturnType<typeof pools>>) {
    const write = WRITES.has(op.method);
    const { read, write: writePools } = known ?? (await pools(ops));
    const extras = ROUTE_EXTRAS[op.key] ?? {};
    const seeds = extras.bodyFrom
      ? [(await http('GET', `${env.api.url}${extras.bodyFrom}`, { token: actor.token })).body]
      : [];
    return { pools: write ? writePools : read, headers: { authorization: `Bearer ${actor.token}` }, extras, seeds };
  }

  it(
    'answers every generated request with a status below 500, and a refused write changes no row',
    async () => {
      const ops = operations();
      expect(ops.length).toBeGreaterThan(0);
      const failures: string[] = [];
      const report: string[] = [];
      for (const op of ops.filter((o) => ONLY === undefined || o.key.includes(ONLY))) {
        const write = WRITES.has(op.method);
        const arb = requestArb(doc, op, await sourcesFor(op, ops)).map((request): Case => ({ request, write }));
        const { failure, summary } = await fuzz(op.key, arb, RUNS * (1 + inputsOf(doc, op).length));
        if (failure) failures.push(failure);
        if (write) await actor.ensureAccess();
        report.push(summary);
      }

      // The token's claims are input too: whatever a trusted issuer signs (a subject, a name a user chose, scopes of
      // any type), on any route. Each case is a plausible request of a random route under a token of made-up claims.
      if (ONLY === undefined || CLAIMS_LABEL.includes(ONLY)) {
        const plausible: fc.Arbitrary<FuzzRequest>[] = [];
        const known = await pools(ops);
        for (const op of ops)
          plausible.push(requestArb(doc, op, { ...(await sourcesFor(op, ops, known)), plausibleOnly: true }));
        const cases = fc
          .tuple(
            fc.nat({ max: ops.length - 1 }).chain((i) => fc.tuple(fc.constant(ops[i]), plausible[i])),
            claimsArb(actor.subject),
          )
          .map(([[op, request], claims]): Case => {
            const headers = { ...request.headers };
            if (!ROUTE_EXTRAS[op.key]?.headers?.['authorization']) {
              headers['authorization'] = `Bearer ${env.issuer.mint(actor.subject, '', claims)}`;
            }
            return { request: { ...request, headers }, write: WRITES.has(op.method), claims };
          });
        const { failure, summary } = await fuzz(CLAIMS_LABEL, cases, RUNS * 12);
        if (failure) failures.push(failure);
        await actor.ensureAccess();
        report.push(summary);
      }

      if (process.env['FUZZ_REPORT'])
        process.stdout.write(`\nfuzz (${engine}, seed ${SEED}, ${RUNS} runs per input):\n${report.join('\n')}\n`);
      // thrown as it is, so that the counterexamples print without a diff's escaping
      if (failures.length > 0) throw new Error(`${failures.length} route(s) failed:\n\n${failures.join('\n\n')}`);
    },
    30 * 60_000,
  );
});
