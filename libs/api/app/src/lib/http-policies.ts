import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { IMPORT_TIMESHEETS_PATH, type ApiError } from '@timesheets/contracts';
import { serializeReply } from '@timesheets/api-core';
import type { ApiConfig } from './api-config';
import { createRateLimits } from './rate-limits';

const MAX_JSON_DEPTH = 32;
/** Dot segments, encoded dots or slashes, backslashes and empty segments: no canonical route needs them. */
const SUSPICIOUS_PATH = /%2e|%2f|%5c|\\|\/\/|\/\.\.?(?:\/|$)/i;

function sendError(reply: FastifyReply, statusCode: number, error: string, message: string) {
  const body: ApiError = { statusCode, error, message };
  return reply.code(statusCode).header('content-type', 'application/json; charset=utf-8').send(body);
}

function isJson(contentType: string | undefined): boolean {
  return contentType !== undefined && /^application\/json\s*(;|$)/i.test(contentType);
}

/** Deepest nesting of arrays and objects in a JSON text, counted without parsing (strings skipped). */
export function jsonDepth(text: string, limit = Infinity): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > max && (max = depth) > limit) return max;
    } else if (c === 125 || c === 93) depth--;
  }
  return max;
}

/**
 * The HTTP-level policies in front of every route: rate limit, JSON-only bodies with a nesting limit, security
 * headers and request ids. Metrics and logs after each response: request-log.ts.
 */
export async function installHttpPolicies(fastify: FastifyInstance, config: ApiConfig): Promise<void> {
  const rateLimit = await createRateLimits(fastify, config);

  // JSON is the only body type: parsed by Fastify's own parser (which refuses __proto__ and constructor.prototype)
  // after a nesting check that costs one pass over the text.
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (jsonDepth(body as string, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
      const err = Object.assign(new Error('too deeply nested'), { statusCode: 400 });
      return done(err, undefined);
    }
    return parseJson(request, body as string, done);
  });

  // A machine client's import carries up to 1,000 rows: a body limit of its own (IMPORT_BODY_LIMIT_BYTES).
  fastify.addHook('onRoute', (route) => {
    if (route.url === `/api${IMPORT_TIMESHEETS_PATH}`) route.bodyLimit = config.importBodyLimitBytes;
  });

  // Lists arrive as JSON text built by the database (SerializedJson); everything else is stringified here.
  // Fastify's types say string; its reply path takes a Buffer from a serializer as well (sent as it is).
  fastify.setReplySerializer(serializeReply as (payload: unknown) => string);

  // The hooks take a callback rather than returning a promise: they run on every request, and only the rate limit
  // waits (for its store).
  fastify.addHook('onRequest', (request, reply, done) => {
    const url = request.raw.url ?? '';
    const q = url.indexOf('?');
    if (SUSPICIOUS_PATH.test(q === -1 ? url : url.slice(0, q))) {
      sendError(reply, 400, 'Bad Request', 'Malformed request path');
      return;
    }
    if (!rateLimit) return checkMediaType(request, reply, done);
    rateLimit(request).then((wait) => {
      if (wait === 0) return checkMediaType(request, reply, done);
      reply.header('retry-after', String(wait));
      sendError(reply, 429, 'Too Many Requests', 'Too many requests; retry later');
    }, done);
  });

  fastify.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    if (request.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    if (!request.url.startsWith('/api/docs')) {
      reply.header('cache-control', 'no-store');
      reply.header('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
      reply.header('x-frame-options', 'DENY');
    }
    done(null, payload);
  });
}

/** Bodies are JSON or nothing: 415 otherwise. */
function checkMediaType(request: FastifyRequest, reply: FastifyReply, done: () => void): void {
  const headers = request.headers;
  const length = headers['content-length'];
  const hasBody = (length !== undefined && length !== '0') || headers['transfer-encoding'] !== undefined;
  if (hasBody && !isJson(headers['content-type'])) {
    sendError(reply, 415, 'Unsupported Media Type', 'Request bodies must be application/json');
    return;
  }
  done();
}
