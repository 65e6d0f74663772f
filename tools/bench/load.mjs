// The loads: each scenario's requests for autocannon (closed loop, 32 connections), the list at a fixed rate (open
// loop, fixed-rate.mjs) and one request at a time at a steady pace; each reports the server's CPU per request.
import autocannon from 'autocannon';
import { PROJECTS, SUBJECTS } from './db.mjs';
import { fixedRate } from './fixed-rate.mjs';
import { call } from './harness.mjs';
import { cpuMicros, rssMb, stealMs } from './proc.mjs';
import { CONNECTIONS, DURATION, LIST_PATH, sleep, WARMUP } from './settings.mjs';

function rotating(tokens) {
  let i = 0;
  return (req) => ({ ...req, headers: { ...req.headers, authorization: `Bearer ${tokens[i++ % tokens.length]}` } });
}

/**
 * A booking per request, subject by subject, each on a day of its own (counting back from the day before the fill's
 * first date, over the whole run), so that no person's day reaches 24 hours and every POST is a 201.
 */
let bookings = 0;
function bookingRotation(tokens) {
  return (req) => {
    const n = bookings++;
    const date = new Date(Date.UTC(2022, 11, 31) - Math.floor(n / tokens.length) * 86_400_000).toISOString();
    return {
      ...req,
      headers: { ...req.headers, authorization: `Bearer ${tokens[n % tokens.length]}` },
      body: JSON.stringify({ date: date.slice(0, 10), projectId: PROJECTS[0].id, hours: 7.5, notes: 'load test' }),
    };
  };
}

function scenarioRequests(name, t) {
  const get = (token) => ({
    method: 'GET',
    path: LIST_PATH,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  const post = {
    method: 'POST',
    path: '/api/timesheets',
    headers: { 'content-type': 'application/json' },
  };
  switch (name) {
    case 'list1000':
    case 'fixed':
      return { requests: [{ ...get(), setupRequest: rotating(t.valid) }], expect: [200] };
    case 'list1':
      return { requests: [get(t.valid[0])], expect: [200] };
    case 'post':
      return { requests: [{ ...post, setupRequest: bookingRotation(t.valid) }], expect: [201] };
    case 'mix': {
      const rot = rotating(t.valid);
      return {
        requests: [
          ...Array.from({ length: 9 }, () => ({ ...get(), setupRequest: rot })),
          { ...post, setupRequest: bookingRotation(t.valid) },
        ],
        expect: [200, 201],
      };
    }
    case 'noToken':
      return { requests: [get()], expect: [401] };
    case 'badSig':
      return { requests: [get(t.badSig)], expect: [401] };
    case 'expired':
      return { requests: [get(t.expired)], expect: [401] };
    case 'noScope':
      return { requests: [get(t.noScope)], expect: [403] };
  }
  throw new Error(name);
}

/** A scenario against one arm, closed loop; the arm's peak RSS is kept in `proc.maxRss`. */
export async function load(
  proc,
  name,
  tokens,
  { duration = DURATION, rate, connections = CONNECTIONS, warmup = WARMUP } = {},
) {
  const { requests, expect } = scenarioRequests(name, tokens);
  const base = { url: `http://127.0.0.1:${proc.port}`, connections, requests, pipelining: 1, timeout: 10 };
  if (rate) base.overallRate = rate;
  // Warm-up: the JIT, and every token of a rotation once (so that the run measures the steady state of the rotation).
  if (requests.some((r) => r.setupRequest)) await autocannon({ ...base, amount: 2 * SUBJECTS });
  if (warmup > 0) await autocannon({ ...base, duration: warmup });
  const sampler = setInterval(() => {
    const r = rssMb(proc.pid);
    if (r > proc.maxRss) proc.maxRss = r;
  }, 200);
  const cpu0 = cpuMicros(proc.pid);
  const res = await autocannon({ ...base, duration });
  const cpu = cpuMicros(proc.pid) - cpu0;
  clearInterval(sampler);
  const codes = Object.fromEntries(Object.entries(res.statusCodeStats ?? {}).map(([k, v]) => [k, v.count]));
  const ok = expect.reduce((n, c) => n + (codes[c] ?? 0), 0);
  const all = Object.values(codes).reduce((a, b) => a + b, 0);
  const unexpected = all - ok + res.errors + res.timeouts;
  return {
    rps: ok / res.duration,
    // The server's CPU per answered request: robust to a busy machine, where req/s is not.
    cpuUs: all > 0 ? cpu / all : NaN,
    p50: res.latency.p50,
    p99: res.latency.p99,
    codes,
    unexpected,
  };
}

/** The list at a fixed rate, open loop (fixed-rate.mjs), 1,000 tokens in rotation. */
export async function fixedLoad(proc, tokens, rate, duration = DURATION) {
  const requests = tokens.valid.map(
    (t) => `GET ${LIST_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${t}\r\n\r\n`,
  );
  const cpu0 = cpuMicros(proc.pid);
  const steal0 = stealMs(1);
  const r = await fixedRate({
    port: proc.port,
    rate,
    duration,
    expect: [200],
    request: (k) => requests[k % requests.length],
  });
  const cpu = cpuMicros(proc.pid) - cpu0;
  return { ...r, rps: r.answered / duration, cpuUs: cpu / Math.max(1, r.answered), stealMs: stealMs(1) - steal0 };
}

/** Latency of one request at a time (microsecond resolution), at a steady pace: for the 1k/100k/1M comparison. */
export async function paceLatency(port, token, { count, perSecond }) {
  const lat = [];
  const gap = 1000 / perSecond;
  for (let i = 0; i < count + 50; i++) {
    const t0 = process.hrtime.bigint();
    const r = await call(port, 'GET', LIST_PATH, { token });
    const us = Number(process.hrtime.bigint() - t0) / 1000;
    if (r.status !== 200 || r.json.items.length !== 50) throw new Error(`page request answered ${r.status}`);
    if (i >= 50) lat.push(us);
    const wait = gap - us / 1000;
    if (wait > 0) await sleep(wait);
  }
  lat.sort((a, b) => a - b);
  const q = (p) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))] / 1000;
  return { p50: q(0.5), p99: q(0.99), n: lat.length };
}
