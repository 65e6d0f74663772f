// The "peer" arm: the scenario's API stack. Express + express-jwt (jsonwebtoken) + jwks-rsa (cached keys) + a scope
// middleware, over the same query and insert as the limit arm.
import express from 'express';
import { expressjwt } from 'express-jwt';
import jwksRsa from 'jwks-rsa';
import { createWork } from './work.mjs';

const work = createWork(process.env.BENCH_DB);
const app = express();
app.disable('x-powered-by');
app.use(express.json({ limit: '100kb' }));

const requireScope = (scope) => (req, res, next) => {
  const granted = typeof req.auth?.scope === 'string' ? req.auth.scope.split(' ') : [];
  if (granted.includes(scope)) return next();
  res.status(403).json({ statusCode: 403, error: 'Forbidden', message: `Requires scope: ${scope}` });
};

app.use(
  '/api/timesheets',
  expressjwt({
    secret: jwksRsa.expressJwtSecret({
      jwksUri: process.env.AUTH_JWKS_URI,
      cache: true,
      rateLimit: true,
      jwksRequestsPerMinute: 10,
    }),
    audience: process.env.AUTH_AUDIENCE,
    issuer: process.env.AUTH_ISSUER,
    algorithms: ['RS256'],
  }),
);
app.get('/api/timesheets', requireScope('read:timesheets'), (req, res) => {
  const r = work.list(req.auth.sub, new URL(req.originalUrl, 'http://x').searchParams);
  if (typeof r.body === 'string') res.status(r.status).type('application/json').send(r.body);
  else res.status(r.status).json(r.body);
});
app.post('/api/timesheets', requireScope('create:timesheets'), (req, res) => {
  const r = work.create(req.auth.sub, req.auth.name ?? req.auth.email ?? null, req.body);
  res.status(r.status).json(r.body);
});
app.get('/api/health', (_req, res) => res.json({ status: 'ok' }));
// Express tells an error handler by its four parameters, so the unused `next` stays.
// eslint-disable-next-line @typescript-eslint/no-unused-vars
app.use((err, _req, res, _next) => {
  const status = err.status ?? (err.name === 'UnauthorizedError' ? 401 : 500);
  if (status === 401) res.set('www-authenticate', 'Bearer realm="timesheets", error="invalid_token"');
  res
    .status(status)
    .json({ statusCode: status, error: status === 401 ? 'Unauthorized' : 'Error', message: err.message });
});
const server = app.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('peer: listening'));
server.keepAliveTimeout = 60_000;
process.on('SIGTERM', () => server.close(() => process.exit(0)));
