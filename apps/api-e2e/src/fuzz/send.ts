import { request } from 'node:http';
import type { FuzzRequest } from './arbitraries';

export interface FuzzResponse {
  status: number;
  text: string;
}

/**
 * Sends a request byte for byte (fetch would normalise the path and refuse some methods and headers). A server that
 * closes the connection without an answer, or takes longer than `timeoutMs`, gives status 0 and the reason.
 */
export function send(base: string, r: FuzzRequest, timeoutMs = 15_000): Promise<FuzzResponse> {
  const url = new URL(base);
  const body = r.body === undefined ? undefined : Buffer.from(r.body, 'utf8');
  const headers = { ...r.headers, ...(body ? { 'content-length': String(body.length) } : {}) };
  return new Promise((resolve) => {
    let settled = false;
    const finish = (res: FuzzResponse) => {
      if (!settled) {
        settled = true;
        resolve(res);
      }
    };
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method: r.method,
        path: r.target,
        headers,
        agent: false,
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => finish({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', (e) => finish({ status: res.statusCode ?? 0, text: `(response aborted: ${e.message})` }));
      },
    );
    req.on('timeout', () => {
      req.destroy();
      finish({ status: 0, text: `(no answer within ${timeoutMs} ms)` });
    });
    // A server may answer (413, 415) and close before reading a large body: the answer then arrives anyway, or the
    // write fails; both are answers, only a connection closed with nothing is not.
    req.on('error', (e) => setTimeout(() => finish({ status: 0, text: `(connection failed: ${e.message})` }), 200));
    req.end(body);
  });
}
