import { isIP } from 'node:net';
import { compile } from '@fastify/proxy-addr';

/** Whether the address at `hop` of a request's chain is a trusted proxy (hop 0 is the socket's peer). */
export type TrustProxyFn = (address: string, hop: number) => boolean;

/** Which peers may tell the process the client's address and protocol through `X-Forwarded-*`. */
export interface TrustProxy {
  /** The setting in words, for start-up logs: `off`, `2 hops`, `10.0.0.0/8, loopback`. */
  readonly description: string;
  /** The trust function for Fastify's `trustProxy` and Express's `trust proxy`; false when no proxy is trusted. */
  readonly trust: TrustProxyFn | false;
}

export const TRUST_NO_PROXY: TrustProxy = Object.freeze({ description: 'off', trust: false });

const MAX_HOPS = 10;
/** proxy-addr's named ranges. */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);
const OFF = new Set(['false', 'off', 'no', '0', 'none']);
const EVERYONE = new Set(['true', 'on', 'yes', '*', 'all']);

/**
 * Parses a TRUST_PROXY value: unset or `false` (no proxy), a hop count (`1`..`10`: the nearest N peers are proxies),
 * or a comma-separated list of proxy addresses, CIDRs and the names `loopback`, `linklocal`, `uniquelocal`.
 *
 * `true` is refused: it trusts every hop, so the left-most `X-Forwarded-For` entry, which the client writes, would
 * become the client's address (rate limits and logs keyed by it would be the client's choice). A list of addresses
 * is the safest form: a peer is believed only when it is one of the proxies. A hop count believes the nearest N peers
 * whoever they are, so it is right only when the process cannot be reached except through exactly N proxies (Fastify
 * 5.12.1 dropped hop counts from its own `trustProxy` for that reason; here the count is explicit and documented).
 *
 * Returns the parsed setting, or a problem to report (naming `name`).
 */
export function parseTrustProxy(name: string, raw: string | undefined): TrustProxy | { problem: string } {
  const value = raw?.trim();
  if (value === undefined || value === '' || OFF.has(value.toLowerCase())) return TRUST_NO_PROXY;
  const what = `set the proxies' addresses or CIDRs (e.g. ${name}=10.0.0.0/8 or ${name}=loopback), or the number of proxies in front when nothing else can reach this process (e.g. ${name}=1)`;
  if (EVERYONE.has(value.toLowerCase())) {
    return {
      problem: `${name}=${value} would trust every hop, so a client could choose its own address with X-Forwarded-For: ${what}`,
    };
  }
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops > MAX_HOPS)
      return { problem: `${name} must be a hop count from 1 to ${MAX_HOPS} (got "${value}"): ${what}` };
    return { description: `${hops} hop${hops === 1 ? '' : 's'}`, trust: (_address, hop) => hop < hops };
  }
  const entries = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = entries.filter((e) => !NAMED_RANGES.has(e) && !isAddressOrCidr(e));
  if (bad.length > 0 || entries.length === 0) {
    return {
      problem: `${name} must list IP addresses, CIDRs, loopback, linklocal or uniquelocal (got "${bad.join(', ') || value}"): ${what}`,
    };
  }
  try {
    const trustAddress = compile(entries);
    return { description: entries.join(', '), trust: (address) => trustAddress(address, 0) };
  } catch (err) {
    return { problem: `${name}: ${(err as Error).message} (got "${value}")` };
  }
}

/** An IPv4 or IPv6 address, optionally with a prefix length (`/0` is refused: it would trust everyone). */
function isAddressOrCidr(entry: string): boolean {
  const slash = entry.indexOf('/');
  const address = slash === -1 ? entry : entry.slice(0, slash);
  const family = isIP(address);
  if (family === 0) return false;
  if (slash === -1) return true;
  const prefix = entry.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefix)) return false;
  const bits = Number(prefix);
  return bits >= 1 && bits <= (family === 4 ? 32 : 128);
}
