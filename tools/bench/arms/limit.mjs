// The "limit" arm: bare node:http and the raw keyset query on better-sqlite3, no authentication. The caller is named
// by the token's `sub`, read without any verification: the upper bound of the real work.
import { createServer } from 'node:http';
import { createWork } from './work.mjs';

const work = createWork(process.env.BENCH_DB);
const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };

function caller(req) {
  const token = (req.headers.authorization ?? '').slice(7);
  const dot = token.indexOf('.');
  try {
    const p = JSON.parse(Buffer.from(token.slice(dot + 1, token.indexOf('.', dot + 1)), 'base64url').toString());
    return { sub: String(p.sub), name: p.name ?? null };
  } catch {
    return { sub: 'anonymous', name: null };
  }
}

function send(res, { status, body }) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { ...JSON_TYPE, 'content-length': Buffer.byteLength(text) }).end(text);
}

const server = createServer((req, res) => {
  const q = req.url.indexOf('?');
  const path = q === -1 ? req.url : req.url.slice(0, q);
  if (path === '/api/timesheets' && req.method === 'GET') {
    return send(res, work.list(caller(req).sub, new URLSearchParams(q === -1 ? '' : req.url.slice(q + 1))));
  }
  if (path === '/api/timesheets' && req.method === 'POST') {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      let body;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return send(res, { status: 400, body: { statusCode: 400, error: 'Bad Request', message: 'invalid JSON' } });
      }
      const c = caller(req);
      send(res, work.create(c.sub, c.name, body));
    });
    return;
  }
  if (path === '/api/health') return send(res, { status: 200, body: { status: 'ok' } });
  send(res, { status: 404, body: { statusCode: 404, error: 'Not Found', message: 'Not Found' } });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('limit: listening'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
