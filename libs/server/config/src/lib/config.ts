import { parseTrustProxy, type TrustProxy, TRUST_NO_PROXY } from './trust-proxy';

/**
 * Environment configuration readers. Every problem is collected and reported together, each naming its variable,
 * so a bad deployment stops at start with one clear message instead of failing on the first request.
 */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

export class EnvReader {
  private readonly problems: string[] = [];

  constructor(private readonly env: Env = process.env) {}

  /** The raw value, with surrounding whitespace removed; `undefined` when unset or empty. */
  raw(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value ? value : undefined;
  }

  string(name: string, fallback?: string): string {
    const value = this.raw(name) ?? fallback;
    if (value === undefined) {
      this.problems.push(`${name} is required`);
      return '';
    }
    return value;
  }

  optionalString(name: string): string | undefined {
    return this.raw(name);
  }

  /** A secret: required, and at least `minLength` characters. */
  secret(name: string, minLength = 16, fallback?: string): string {
    const value = this.string(name, fallback);
    if (value && value.length < minLength) this.problems.push(`${name} must be at least ${minLength} characters`);
    return value;
  }

  url(name: string, fallback?: string, protocols: readonly string[] = ['http:', 'https:']): string {
    const value = this.string(name, fallback);
    if (!value) return value;
    return this.checkUrl(name, value, protocols) ? value : '';
  }

  optionalUrl(name: string, protocols: readonly string[] = ['http:', 'https:']): string | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    return this.checkUrl(name, value, protocols) ? value : undefined;
  }

  urlList(
    name: string,
    fallback: readonly string[] = [],
    protocols: readonly string[] = ['http:', 'https:'],
  ): string[] {
    const value = this.raw(name);
    if (value === undefined) return [...fallback];
    const items = value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    return items.filter((item) => this.checkUrl(name, item, protocols));
  }

  list(name: string, fallback: readonly string[] = []): string[] {
    const value = this.raw(name);
    if (value === undefined) return [...fallback];
    return value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  }

  int(name: string, fallback: number, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(n) || n < min || n > max) {
      this.problems.push(`${name} must be an integer between ${min} and ${max} (got "${value}")`);
      return fallback;
    }
    return n;
  }

  bool(name: string, fallback: boolean): boolean {
    const value = this.raw(name)?.toLowerCase();
    if (value === undefined) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(value)) return true;
    if (['0', 'false', 'no', 'off'].includes(value)) return false;
    this.problems.push(`${name} must be true or false (got "${value}")`);
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(value)) {
      this.problems.push(`${name} must be one of ${allowed.join(', ')} (got "${value}")`);
      return fallback;
    }
    return value as T;
  }

  /** Which peers may set the client address and protocol through X-Forwarded-* (see parseTrustProxy). */
  trustProxy(name: string): TrustProxy {
    const parsed = parseTrustProxy(name, this.raw(name));
    if ('problem' in parsed) {
      this.problems.push(parsed.problem);
      return TRUST_NO_PROXY;
    }
    return parsed;
  }

  /** Records a problem found by the caller's own cross-field checks. */
  problem(message: string): void {
    this.problems.push(message);
  }

  /** Throws a ConfigError naming every problem found so far. */
  done(): void {
    if (this.problems.length > 0) throw new ConfigError(this.problems);
  }

  private checkUrl(name: string, value: string, protocols: readonly string[]): boolean {
    try {
      const url = new URL(value);
      if (!protocols.includes(url.protocol)) {
        this.problems.push(`${name} must use ${protocols.join(' or ')} (got "${value}")`);
        return false;
      }
      return true;
    } catch {
      this.problems.push(`${name} must be a valid URL (got "${value}")`);
      return false;
    }
  }
}

/** Runs a configuration loader; on a ConfigError prints it and exits with status 1. */
export function loadConfigOrExit<T>(load: () => T, processName: string): T {
  try {
    return load();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${processName}: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}
