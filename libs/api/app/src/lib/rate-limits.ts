import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { POLICY_API_KEY_HEADER, POLICY_PATH } from '@timesheets/contracts';
import { secretMatches } from '@timesheets/server-core';
import type { ApiConfig } from './api-config';

/** Seconds the caller must wait (429 + Retry-After), or 0 when the request may go on. */
export type RateLimitCheck = (request: FastifyRequest) => Promise<number>;

/**
 * The request rate limits, counted by @fastify/rate-limit's in-memory store (an LRU map, so memory is bounded and no
 * request ever sweeps it):
 *
 * - per client address (`RATE_LIMIT_MAX` per `RATE_LIMIT_WINDOW_MS`; IPv6 counted per /64), at most
 *   `RATE_LIMIT_ADDRESSES` addresses tracked, the least recently seen dropped first;
 * - `POST /api/authz/policy` with the valid key: one bucket for the key (`RATE_LIMIT_POLICY_MAX`), not the
 *   address's. All its calls come from the provider's address, so in the address bucket one user replaying sign-ins
 *   could use up the provider's share and make sign-in and refresh fail for everybody. A call with a wrong or no key
 *   counts against its address like any other request. The bucket is named by a hash of the key, never the key.
 *
 * Returns null when every limit is off.
 */
export async function createRateLimits(fastify: FastifyInstance, config: ApiConfig): Promise<RateLimitCheck | null> {
  const { rateLimitMax, rateLimitWindowMs, rateLimitTrackedAddresses, policyKey, policyRateLimitMax } = config;
  if (rateLimitMax === 0 && (policyKey === undefined || policyRateLimitMax === 0)) return null;

  // The plugin's own hooks stay off (global: false): the check runs inside installHttpPolicies' onRequest hook, which
  // also covers unmatched routes and answers in the API's error shape.
  await fastify.register(rateLimit, {
    global: false,
    max: rateLimitMax,
    timeWindow: rateLimitWindowMs,
    cache: rateLimitTrackedAddresses,
  });
  const byAddress = rateLimitMax > 0 ? fastify.createRateLimit() : null;
  const policyBucket =
    policyKey === undefined ? '' : `policy:${createHash('sha256').update(policyKey).digest('hex').slice(0, 16)}`;
  const byPolicyKey =
    policyKey !== undefined && policyRateLimitMax > 0
      ? fastify.createRateLimit({
          max: policyRateLimitMax,
          timeWindow: rateLimitWindowMs,
          keyGenerator: () => policyBucket,
        })
      : null;

  return async (request) => {
    const policyCall =
      policyKey !== undefined &&
      request.method === 'POST' &&
      request.routeOptions.url === POLICY_PATH &&
      secretMatches(request.headers[POLICY_API_KEY_HEADER], policyKey);
    const limiter = policyCall ? byPolicyKey : byAddress;
    if (!limiter) return 0;
    const result = await limiter(request);
    return !result.isAllowed && result.isExceeded ? Math.max(1, result.ttlInSeconds) : 0;
  };
}
