// The API's policy endpoints as the provider sees them (POST /api/authz/policy with x-api-key): every subject is an
// employee; POST /api/authz/client-policy: the one machine client of workerData.client with its secret, nothing else. Runs as a worker thread of provider.mjs, so that its answers do not queue behind the load generator's
// work on the harness's event loop (the provider's grants wait for them). Posts its port, then answers any message
// with the number of calls it has served.
import { createServer } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

let calls = 0;
const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    if (req.headers['x-api-key'] !== workerData.key) return void res.writeHead(401).end();
    calls++;
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    if (req.url?.endsWith('/client-policy')) {
      const { client } = workerData;
      const ok = client && body.clientId === client.id && body.clientSecret === client.secret;
      return void res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(
          JSON.stringify(
            ok
              ? { active: true, clientId: client.id, name: 'Bench import', scopes: ['import:timesheets'] }
              : { active: false },
          ),
        );
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        userId: `api-${body.subject}`,
        blocked: false,
        roles: ['employee'],
        groups: [],
        permissions: workerData.permissions,
      }),
    );
  });
});
server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
parentPort.on('message', () => parentPort.postMessage(calls));
