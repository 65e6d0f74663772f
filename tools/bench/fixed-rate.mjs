// An open-loop load at a fixed rate, for honest latency percentiles. Request k is due at start + k / rate whatever
// happened before it; its latency runs from when it was due to when its response has fully arrived, so a server
// that stalls is charged for every request that had to wait (no coordinated omission). Timing is in microseconds.
// (autocannon's overallRate sends each second's quota as fast as it can and then pauses, so its "fixed rate" is a
// burst per second, and it corrects latencies with a 1 ms expected interval: neither says what a steady rate gets.)
import { connect } from 'node:net';

/**
 * @param {{ port: number, rate: number, duration: number, request: (k: number) => string,
 *   expect: number[], connections?: number, warmup?: number }} o
 * `request(k)` returns the raw HTTP/1.1 request text for request k (keep-alive).
 * Returns { sent, answered, unexpected, errors, p50, p90, p99, p999, max } (latencies in ms).
 */
export async function fixedRate({ port, rate, duration, request, expect, connections = 16, warmup = 1 }) {
  const sockets = await Promise.all(Array.from({ length: connections }, () => open(port)));
  const idle = [...sockets];
  const backlog = [];
  const latencies = [];
  let unexpected = 0;
  let errors = 0;
  let answered = 0;
  const start = now() + 0.01;
  const measureFrom = start + warmup;
  const end = measureFrom + duration;
  const total = Math.floor((end - start) * rate);
  let next = 0;

  for (const s of sockets) {
    s.onResponse = (status) => {
      const due = s.due;
      s.due = null;
      const t = now();
      if (due >= measureFrom) {
        latencies.push((t - due) * 1000);
        answered++;
        if (!expect.includes(status)) unexpected++;
      }
      if (backlog.length > 0) send(s, backlog.shift());
      else idle.push(s);
    };
    s.onError = () => {
      errors++;
    };
  }

  // How late the generator itself was in sending (a request it could send at once, on an idle connection): its
  // own stalls (GC, the machine) are in the latencies too, and this says how much.
  const lateness = [];
  function send(s, k, immediate) {
    s.due = start + k / rate;
    if (immediate && s.due >= measureFrom) lateness.push((now() - s.due) * 1000);
    s.write(request(k));
  }

  await new Promise((resolveRun) => {
    const tick = () => {
      const t = now();
      while (next < total && start + next / rate <= t) {
        const s = idle.pop();
        if (s) send(s, next, true);
        else backlog.push(next);
        next++;
      }
      const inFlight = connections - idle.length + backlog.length;
      if (next >= total && inFlight === 0) return resolveRun();
      if (t > end + 10) return resolveRun(); // a server that stopped answering: give up, count what was not answered
      setImmediate(tick);
    };
    tick();
  });
  for (const s of sockets) s.destroy();
  latencies.sort((a, b) => a - b);
  lateness.sort((a, b) => a - b);
  const at = (xs, p) => (xs.length ? xs[Math.min(xs.length - 1, Math.floor(p * xs.length))] : NaN);
  const q = (p) => at(latencies, p);
  const due = total - Math.ceil(warmup * rate);
  return {
    rate,
    due,
    answered,
    // Wrong statuses, socket errors, and requests due in the window that never got an answer.
    unexpected: unexpected + errors + Math.max(0, due - answered),
    p50: q(0.5),
    p90: q(0.9),
    p99: q(0.99),
    p999: q(0.999),
    max: latencies.length ? latencies[latencies.length - 1] : NaN,
    generatorLateP99: at(lateness, 0.99),
  };
}

function now() {
  return Number(process.hrtime.bigint()) / 1e9;
}

/**
 * A keep-alive socket with a minimal response parser: the status line and Content-Length (every arm sends one), then
 * the body is counted, never copied. The generator should allocate little: its own pauses would count against the
 * server.
 */
function open(port) {
  return new Promise((resolveOpen, reject) => {
    const s = connect({ host: '127.0.0.1', port, noDelay: true });
    let head = null; // the start of a head that arrived in pieces
    let status = 0;
    let remaining = -1; // body bytes still due, or -1 while reading a head
    s.on('data', (data) => {
      let at = 0;
      while (at < data.length) {
        if (remaining === -1) {
          const part = head ? Buffer.concat([head, data.subarray(at)]) : data.subarray(at);
          const end = part.indexOf('\r\n\r\n');
          if (end === -1) {
            head = Buffer.from(part);
            return;
          }
          const text = part.subarray(0, end).toString('latin1');
          at += end + 4 - (head ? head.length : 0);
          head = null;
          const length = /\r\ncontent-length:\s*(\d+)/i.exec(text);
          if (!length) {
            s.onError?.(new Error('response without Content-Length'));
            s.destroy();
            return;
          }
          status = Number(text.slice(9, 12));
          remaining = Number(length[1]);
        }
        const take = Math.min(remaining, data.length - at);
        remaining -= take;
        at += take;
        if (remaining === 0) {
          remaining = -1;
          s.onResponse?.(status);
        }
      }
    });
    s.once('connect', () => resolveOpen(s));
    s.once('error', (e) => {
      s.onError?.(e);
      reject(e);
    });
  });
}
