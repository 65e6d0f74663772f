import type { OidcProviderModule } from './oidc-types';

/*
 * A dynamic import that neither TypeScript (module: commonjs) nor webpack rewrites into require(): oidc-provider is
 * ESM-only. Under Jest this needs NODE_OPTIONS=--experimental-vm-modules (the e2e target sets it).
 */
const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

export async function loadOidcProvider(): Promise<OidcProviderModule> {
  return (await importEsm('oidc-provider')) as OidcProviderModule;
}
