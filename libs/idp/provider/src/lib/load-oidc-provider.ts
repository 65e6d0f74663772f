import type { OidcProviderModule } from './oidc-types';

/*
 * A dynamic import that neither TypeScript (module: commonjs) nor webpack rewrites into require(): oidc-provider is
 * ESM-only. Under Jest this needs node --experimental-vm-modules (the idp-e2e target sets it). The source is made
 * unique per call because V8 caches compiled `new Function` code together with the vm context that first compiled
 * it; a second Jest test file would otherwise import through the first file's torn-down context.
 */
let counter = 0;

export async function loadOidcProvider(): Promise<OidcProviderModule> {
  const importEsm = new Function('specifier', `return import(specifier); // ${++counter}:${Date.now()}`) as (
    specifier: string,
  ) => Promise<unknown>;
  return (await importEsm('oidc-provider')) as OidcProviderModule;
}
