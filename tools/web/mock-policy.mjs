#!/usr/bin/env node
// Development aid for the SPA alone: answers the provider's policy call (POST /api/authz/policy) with the seeded
// demo roles, and GET /api/me, so sign-in can be tried without the real API. Not used by npm start or the tests.
import { createServer } from 'node:http';

const port = Number(process.env.PORT ?? 13333);
const EMPLOYEE = ['read:timesheets', 'create:timesheets', 'delete:timesheets'];
const ADMIN = [
  'read:users',
  'update:users',
  'read:groups',
  'create:groups',
  'update:groups',
  'delete:groups',
  'read:roles',
  'create:roles',
  'update:roles',
  'delete:roles',
  'read:permissions',
  'create:permissions',
  'update:permissions',
  'delete:permissions',
  'read:audit',
];
const byEmail = {
  'alice@exampleco.test': { roles: ['employee'], permissions: EMPLOYEE },
  'bob@exampleco.test': { roles: ['manager'], permissions: [...EMPLOYEE, 'approve:timesheets'] },
  'carol@exampleco.test': { roles: ['admin'], permissions: ADMIN },
};
const cors = {
  'access-control-allow-origin': process.env.ORIGIN ?? 'http://localhost:14200',
  'access-control-allow-headers': 'authorization,content-type',
};
createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    if (req.method === 'OPTIONS') return res.writeHead(204, cors).end();
    if (req.url === '/api/authz/policy' && req.method === 'POST') {
      const r = JSON.parse(body || '{}');
      const u = byEmail[r.email] ?? { roles: [], permissions: [] };
      return res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(
          JSON.stringify({ userId: r.subject, blocked: false, roles: u.roles, groups: [], permissions: u.permissions }),
        );
    }
    if (req.url?.startsWith('/api/me')) {
      return res.writeHead(200, { ...cors, 'content-type': 'application/json' }).end(
        JSON.stringify({
          subject: 's',
          issuer: 'i',
          email: null,
          name: null,
          scopes: [],
          roles: ['mock'],
          groups: [],
        }),
      );
    }
    if (req.url?.startsWith('/api/timesheets') || req.url?.startsWith('/api/approvals')) {
      return res
        .writeHead(200, { ...cors, 'content-type': 'application/json' })
        .end(JSON.stringify({ items: [], nextCursor: null }));
    }
    res
      .writeHead(404, { ...cors, 'content-type': 'application/json' })
      .end('{"statusCode":404,"error":"Not Found","message":"mock"}');
  });
}).listen(port, '127.0.0.1', () => console.log(`mock policy/API on ${port}`));
