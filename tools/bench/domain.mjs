// The issue-15 measurements, one request at a time at a steady pace (latency is the cost a person waits for):
// - the approvals queue of a manager of 200 people, in the 1M-entry database, against the own list there;
// - saving a full week (7 days x 5 projects, 35 new drafts) in one PUT, against booking one entry with POST.
// run.mjs starts the processes and hands this module what it needs.
import { MANAGER, PROJECTS, subject, SUBJECTS, TEAM } from './db.mjs';

const DAY = 86_400_000;
const iso = (ms) => new Date(ms).toISOString().slice(0, 10);

/** ISO week of a date (`2019-W52`), as the API computes it. */
function isoWeekOf(date) {
  const ms = Date.parse(`${date}T00:00:00Z`);
  const weekday = (new Date(ms).getUTCDay() + 6) % 7;
  const thursday = new Date(ms + (3 - weekday) * DAY);
  const year = thursday.getUTCFullYear();
  return `${year}-W${String(Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY)) + 1).padStart(2, '0')}`;
}

const quantile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1000;

/**
 * Runs `steps` (each one request, returning its status) round-robin, one at a time at `perSecond`, and gives each
 * step's latency p50/p99 in ms. The first `warmup` rounds are not counted.
 */
async function paced(steps, { rounds, warmup, perSecond, sleep }) {
  const lat = steps.map(() => []);
  const gap = 1000 / perSecond;
  for (let i = 0; i < rounds + warmup; i++) {
    for (const [k, step] of steps.entries()) {
      const t0 = process.hrtime.bigint();
      await step.run(i);
      const us = Number(process.hrtime.bigint() - t0) / 1000;
      if (i >= warmup) lat[k].push(us);
      const wait = gap - us / 1000;
      if (wait > 0) await sleep(wait);
    }
  }
  return steps.map((s, k) => {
    const sorted = lat[k].sort((a, b) => a - b);
    return { name: s.name, p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99), n: sorted.length };
  });
}

function expectStatus(r, status, what) {
  if (r.status !== status) throw new Error(`${what} answered ${r.status}: ${r.text.slice(0, 300)}`);
  return r;
}

/**
 * `ctx`: { spawnArm, waitReady, stop, call, sleep, issuer, oursOpts, db1M, db100k, quick, log }; the databases were
 * provisioned (users claimed through the policy endpoint), so the approval lines of the fill apply.
 * Returns { lines, targets }.
 */
export async function domainBench(ctx) {
  const { spawnArm, waitReady, stop, call, sleep, issuer, oursOpts, quick, log } = ctx;
  const lines = [];
  const targets = [];
  if (oursOpts.trustScopes) {
    lines.push('queue and week: n/a (the users could not be provisioned, so no approval lines)');
    return { lines, targets };
  }

  // The queue of a manager of TEAM people in the 1M database, against a person's own list there.
  log(`queue of a manager of ${TEAM} people (1M entries) against the own list`);
  let p = await spawnArm('ours', ctx.db1M, oursOpts);
  await waitReady(p);
  try {
    const manager = issuer.mint(subject(MANAGER), 'read:timesheets approve:timesheets');
    const member = issuer.mint(subject(0), 'read:timesheets');
    const first = expectStatus(await call(p.port, 'GET', '/api/approvals?limit=50', { token: manager }), 200, 'queue');
    if (first.json.items.length !== 50)
      throw new Error(`the queue has ${first.json.items.length} person-weeks, not 50`);
    const steps = [
      {
        name: 'own list',
        run: async () =>
          expectStatus(await call(p.port, 'GET', '/api/timesheets?limit=50', { token: member }), 200, 'own list'),
      },
      {
        name: 'queue (pending)',
        run: async () =>
          expectStatus(await call(p.port, 'GET', '/api/approvals?limit=50', { token: manager }), 200, 'queue'),
      },
      {
        name: 'queue (approved, newest first)',
        run: async () =>
          expectStatus(
            await call(p.port, 'GET', '/api/approvals?limit=50&status=approved', { token: manager }),
            200,
            'queue',
          ),
      },
    ];
    const [own, queue, history] = await paced(steps, {
      rounds: quick ? 400 : 1500,
      warmup: 200,
      perSecond: 300,
      sleep,
    });
    lines.push(
      `approvals queue (ours, one at a time, 1M entries, a manager of ${TEAM} of ${SUBJECTS} people, pages of 50): ` +
        [own, queue, history].map((r) => `${r.name} p50 ${r.p50.toFixed(2)} ms p99 ${r.p99.toFixed(2)} ms`).join('; '),
    );
    targets.push({
      name: `queue p99 / own list p99 (1M entries, team of ${TEAM})`,
      value: queue.p99 / own.p99,
      goal: '<= 1.5',
      pass: (v) => v <= 1.5,
    });
  } finally {
    await stop(p);
  }

  // A full week in one PUT against one POST, each creating new drafts (a person and a day or week of their own).
  log('a full week (7 x 5 rows) in one PUT against one POST');
  p = await spawnArm('ours', ctx.db100k, oursOpts);
  await waitReady(p);
  try {
    const tokens = Array.from({ length: SUBJECTS - TEAM }, (_, i) =>
      issuer.mint(subject(TEAM + i), 'read:timesheets create:timesheets'),
    );
    const post = async (i) =>
      expectStatus(
        await call(p.port, 'POST', '/api/timesheets', {
          token: tokens[i % tokens.length],
          body: {
            date: iso(Date.UTC(2020, 11, 31) - Math.floor(i / tokens.length) * DAY),
            projectId: PROJECTS[0].id,
            hours: 1,
          },
        }),
        201,
        'POST',
      );
    const put = async (i) => {
      const monday = Date.UTC(2019, 11, 30) - 7 * DAY * (1 + Math.floor(i / tokens.length));
      const week = isoWeekOf(iso(monday));
      const entries = [];
      for (let d = 0; d < 7; d++)
        for (const project of PROJECTS.slice(0, 5))
          entries.push({ date: iso(monday + d * DAY), projectId: project.id, hours: 1, notes: 'week' });
      const r = expectStatus(
        await call(p.port, 'PUT', `/api/weeks/${week}/entries`, {
          token: tokens[i % tokens.length],
          body: { entries },
        }),
        200,
        'PUT week',
      );
      if (r.json.entries.length !== 35) throw new Error(`the week has ${r.json.entries.length} entries, not 35`);
      return r;
    };
    const [one, week] = await paced(
      [
        { name: 'POST one entry', run: post },
        { name: 'PUT a week of 35', run: put },
      ],
      { rounds: quick ? 150 : 500, warmup: 50, perSecond: 100, sleep },
    );
    lines.push(
      `saving (ours, one at a time, 100k entries): ${[one, week]
        .map((r) => `${r.name} p50 ${r.p50.toFixed(2)} ms p99 ${r.p99.toFixed(2)} ms`)
        .join('; ')}`,
    );
    targets.push({
      name: 'PUT a full week (35 rows) / POST one entry, median latency',
      value: week.p50 / one.p50,
      goal: '<= 3',
      pass: (v) => v <= 3,
    });
  } finally {
    await stop(p);
  }
  return { lines, targets };
}
