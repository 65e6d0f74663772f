import { Inject, Injectable, Logger } from '@nestjs/common';
import { createPublicKey, type KeyObject } from 'node:crypto';
import { JwksClient, type SigningKey } from 'jwks-rsa';
import { AUTH_OPTIONS, type AuthOptions } from './auth.constants';

/** How long keys are trusted before a background refresh, and how often an unknown `kid` may trigger a fetch. */
const KEYS_MAX_AGE_MS = 10 * 60_000;
const UNKNOWN_KID_COOLDOWN_MS = 30_000;
const MAX_KID_LENGTH = 256;

export class SigningKeyUnavailableError extends Error {}

/**
 * The issuer's public keys, by `kid`. Known keys are always answered from memory, so a flood of tokens with made-up
 * `kid`s can at most cause one JWKS fetch per cooldown and never locks out valid tokens. Keys older than the max age
 * are refreshed in the background while the old set keeps serving; a key removed by the issuer disappears then.
 */
@Injectable()
export class JwksKeyStore {
  private readonly logger = new Logger('JwksKeyStore');
  private keys = new Map<string, { pem: string; kty: string; key: KeyObject }>();
  private fetchedAt = 0;
  private lastUnknownKidFetch = 0;
  private inflight: Promise<void> | null = null;
  private jwksUri: string | undefined;

  constructor(@Inject(AUTH_OPTIONS) private readonly options: AuthOptions) {
    this.jwksUri = options.jwksUri;
  }

  /** PEM of the key for `kid`, or an error when the issuer does not publish it. */
  async getKey(kid: string | undefined): Promise<string> {
    return (await this.find(kid)).pem;
  }

  /**
   * The same key as a parsed KeyObject (parsed once per JWKS fetch): verifying with it spares jsonwebtoken a PEM
   * parse on every token, which made a forged token cost more than a valid (cached) one.
   */
  async getVerificationKey(kid: string | undefined): Promise<KeyObject> {
    return (await this.find(kid)).key;
  }

  private async find(kid: string | undefined): Promise<{ pem: string; kty: string; key: KeyObject }> {
    if (kid !== undefined && (typeof kid !== 'string' || kid.length > MAX_KID_LENGTH)) {
      throw new SigningKeyUnavailableError('unacceptable kid');
    }
    if (this.fetchedAt === 0) await this.refresh();
    else if (Date.now() - this.fetchedAt > KEYS_MAX_AGE_MS) void this.refresh().catch(() => undefined);

    let key = this.lookup(kid);
    if (!key && Date.now() - this.lastUnknownKidFetch > UNKNOWN_KID_COOLDOWN_MS) {
      this.lastUnknownKidFetch = Date.now();
      await this.refresh();
      key = this.lookup(kid);
    }
    if (!key) throw new SigningKeyUnavailableError('no such signing key');
    return key;
  }

  private lookup(kid: string | undefined) {
    if (kid !== undefined) return this.keys.get(kid);
    // A token without `kid` is accepted only while the issuer publishes exactly one key.
    return this.keys.size === 1 ? [...this.keys.values()][0] : undefined;
  }

  /** Fetches the JWKS once, sharing the request between concurrent callers. */
  refresh(): Promise<void> {
    this.inflight ??= this.fetchKeys().finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  private async fetchKeys(): Promise<void> {
    try {
      const jwksUri = this.jwksUri ?? (this.jwksUri = await this.discoverJwksUri());
      const client = new JwksClient({ jwksUri, timeout: this.options.jwksTimeoutMs, cache: false, rateLimit: false });
      const signingKeys: SigningKey[] = await client.getSigningKeys();
      const next = new Map<string, { pem: string; kty: string; key: KeyObject }>();
      for (const k of signingKeys) {
        const kty = 'rsaPublicKey' in k ? 'RSA' : 'EC';
        const pem = k.getPublicKey();
        next.set(k.kid ?? '', { pem, kty, key: createPublicKey(pem) });
      }
      this.keys = next;
      this.fetchedAt = Date.now();
    } catch (err) {
      this.logger.warn(`Could not load the issuer's signing keys: ${(err as Error).message}`);
      if (this.fetchedAt === 0) throw new SigningKeyUnavailableError('signing keys unavailable');
    }
  }

  private async discoverJwksUri(): Promise<string> {
    const url = `${this.options.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    const res = await fetch(url, { signal: AbortSignal.timeout(this.options.jwksTimeoutMs) });
    if (!res.ok) throw new Error(`discovery at ${url} answered ${res.status}`);
    const doc = (await res.json()) as { issuer?: unknown; jwks_uri?: unknown };
    if (doc.issuer !== this.options.issuer) throw new Error(`discovery issuer ${String(doc.issuer)} does not match`);
    if (typeof doc.jwks_uri !== 'string') throw new Error('discovery document has no jwks_uri');
    return doc.jwks_uri;
  }
}
