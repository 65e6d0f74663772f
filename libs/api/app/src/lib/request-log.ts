import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { type Principal, securityNoteFor } from '@timesheets/api-core';
import type { ApiConfig } from './api-config';
import type { ApiMetrics } from './metrics';
import { SecurityLog } from './security-log';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * After every response: the request metrics, the access-log line (when ACCESS_LOG is on) and, for refusals and audited
 * changes, the security-log line, both on the event log (pino).
 */
export function installRequestLog(fastify: FastifyInstance, config: ApiConfig, metrics: ApiMetrics, log: Logger): void {
  const securityLog = new SecurityLog(log);
  // A callback rather than a returned promise: it runs on every request and waits for nothing.
  fastify.addHook('onResponse', (request: FastifyRequest & { user?: Principal }, reply, done) => {
    const status = reply.statusCode;
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.observe(request.method, route, status, reply.elapsedTime / 1000);
    if (status === 401 || status === 403) metrics.authFailure(status);
    if (config.accessLog) {
      log.info({
        type: 'access',
        requestId: request.id,
        method: request.method,
        route,
        status,
        durationMs: Math.round(reply.elapsedTime * 10) / 10,
        subject: request.user?.subject ?? null,
      });
    }
    if (status === 401 || status === 403 || status === 429 || (MUTATING.has(request.method) && isAudited(route))) {
      securityLog.write({
        requestId: request.id,
        ip: request.ip,
        principal: request.user,
        action: `${request.method} ${route}`,
        target: targetOf(request),
        status,
        note: securityNoteFor(request),
      });
    }
    done();
  });
}

/** Approvals, rejections, deletions and every admin change go to the security log. */
function isAudited(route: string): boolean {
  return (
    route.startsWith('/api/admin') ||
    route.endsWith('/approve') ||
    route.endsWith('/reject') ||
    route === '/api/timesheets/:id'
  );
}

function targetOf(request: FastifyRequest): string | null {
  const params = request.params as Record<string, string> | undefined;
  if (!params) return null;
  const parts = Object.entries(params).map(([k, v]) => `${k}=${v}`);
  return parts.length ? parts.join(',') : null;
}
