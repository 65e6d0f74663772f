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

  function send(s, k) {
    s.due = start + k / rate;
    s.write(request(k));
  }

  await new Promise((resolveRun) => {
    const tick = () => {
      const t = now();
      while (next < total && start + next / rate <= t) {
        const s = idle.pop();
        if (s) send(s, next);
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
  const q = (p) =>
    latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] : NaN;
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
  };
}

function now() {
  return Number(process.hrtime.bigint()) / 1e9;
}

/** A keep-alive socket with a minimal response parser (status line, then a Content-Length or chunked body). */
function open(port) {
  return new Promise((resolveOpen, reject) => {
    const s = connect({ host: '127.0.0.1', port, noDelay: true });
    let buf = Buffer.alloc(0);
    s.on('data', (chunk) => {
      buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
      for (;;) {
        const headEnd = buf.indexOf('\r\n\r\n');
        if (headEnd === -1) return;
        const head = buf.subarray(0, headEnd).toString('latin1');
        const size = /\r\ntransfer-encoding:\s*chunked/i.test(head)
          ? chunkedEnd(buf, headEnd + 4)
          : contentEnd(head, headEnd + 4);
        if (size === -2) {
          s.onError?.(new Error('response without a length'));
          s.destroy();
          return;
        }
        if (size === -1 || buf.length < size) return;
        buf = buf.subarray(size);
        s.onResponse?.(Number(head.slice(9, 12)));
      }
    });
    s.once('connect', () => resolveOpen(s));
    s.once('error', (e) => {
      s.onError?.(e);
      reject(e);
    });
  });
}

function contentEnd(head, bodyStart) {
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  return length ? bodyStart + Number(length[1]) : -2;
}

/** Where a chunked body ends (after its last, empty chunk), or -1 while incomplete. */
function chunkedEnd(buf, at) {
  for (;;) {
    const lineEnd = buf.indexOf('\r\n', at);
    if (lineEnd === -1) return -1;
    const size = parseInt(buf.subarray(at, lineEnd).toString('latin1'), 16);
    if (Number.isNaN(size)) return -2;
    if (size === 0) return buf.length >= lineEnd + 4 ? lineEnd + 4 : -1;
    at = lineEnd + 2 + size + 2;
    if (buf.length < at) return -1;
  }
}
