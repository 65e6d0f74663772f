import { HttpBackend, HttpClient } from '@angular/common/http';
import { Injectable, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { WebRuntimeConfig, checkRolePermissions, checkScopePrefix } from '@timesheets/contracts/scopes';

export const RUNTIME_CONFIG_URL = '/config.json';

/** Checks the shape of `/config.json`; a bad file stops the start with a message naming the field. */
export function parseRuntimeConfig(raw: unknown): WebRuntimeConfig {
  if (!raw || typeof raw !== 'object') throw new Error('config.json: expected a JSON object');
  const o = raw as Record<string, unknown>;
  const str = (key: keyof WebRuntimeConfig): string => {
    const v = o[key];
    if (typeof v !== 'string' || v.trim() === '') throw new Error(`config.json: "${key}" must be a non-empty string`);
    return v.trim();
  };
  const url = (key: keyof WebRuntimeConfig): string => {
    const v = str(key);
    try {
      new URL(v);
    } catch {
      throw new Error(`config.json: "${key}" must be an absolute URL`);
    }
    return v.replace(/\/+$/, '');
  };
  const flow = o['flow'] ?? 'code';
  if (flow !== 'code' && flow !== 'implicit') throw new Error('config.json: "flow" must be "code" or "implicit"');
  const cfg: WebRuntimeConfig = {
    issuer: str('issuer'),
    clientId: str('clientId'),
    apiUrl: url('apiUrl'),
    flow,
    scope: str('scope'),
  };
  // Optional: absent (or null) leaves the default; present, it must be right.
  const given = (key: keyof WebRuntimeConfig) => o[key] !== undefined && o[key] !== null;
  if (given('audience')) cfg.audience = str('audience');
  if (given('scopePrefix')) {
    const prefix = checkScopePrefix(o['scopePrefix']);
    if (!prefix)
      throw new Error('config.json: "scopePrefix" must end with "/" and hold no spaces (api://<client id>/)');
    cfg.scopePrefix = prefix;
  }
  if (given('rolePermissions')) {
    const roles = checkRolePermissions(o['rolePermissions']);
    if ('problems' in roles) throw new Error(`config.json: "rolePermissions" ${roles.problems.join('; ')}`);
    cfg.rolePermissions = roles.value;
  }
  if (given('strictDiscoveryValidation')) {
    const strict = o['strictDiscoveryValidation'];
    if (typeof strict !== 'boolean') throw new Error('config.json: "strictDiscoveryValidation" must be true or false');
    cfg.strictDiscoveryValidation = strict;
  }
  return cfg;
}

/**
 * Holds the run-time configuration. Loaded through `HttpBackend`, i.e. past every interceptor, because the
 * interceptors themselves need it.
 */
@Injectable({ providedIn: 'root' })
export class RuntimeConfigService {
  private readonly http = new HttpClient(inject(HttpBackend));
  private readonly value = signal<WebRuntimeConfig | null>(null);
  readonly config = this.value.asReadonly();

  async load(url = RUNTIME_CONFIG_URL): Promise<WebRuntimeConfig> {
    const raw = await firstValueFrom(this.http.get<unknown>(url));
    const cfg = parseRuntimeConfig(raw);
    this.value.set(cfg);
    return cfg;
  }

  /** For tests and for hosts that embed the configuration. */
  set(cfg: WebRuntimeConfig): void {
    this.value.set(cfg);
  }

  /** True when `url` is the API base URL or below it (not merely sharing a prefix such as `/apix`). */
  isApiUrl(url: string): boolean {
    const api = this.value()?.apiUrl;
    if (!api) return false;
    if (url === api) return true;
    return url.startsWith(api + '/') || url.startsWith(api + '?');
  }
}
