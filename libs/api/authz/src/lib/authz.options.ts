export const AUTHZ_OPTIONS = Symbol('AUTHZ_OPTIONS');

export interface AuthzOptions {
  /** Key the OpenID Provider presents to the policy endpoint; the endpoint answers 404 when unset. */
  policyKey: string | undefined;
}
