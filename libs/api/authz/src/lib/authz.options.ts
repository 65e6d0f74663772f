export const AUTHZ_OPTIONS = Symbol('AUTHZ_OPTIONS');

export interface AuthzOptions {
  /** Key the OpenID Provider presents to the policy endpoint; the endpoint answers 404 when unset. */
  policyKey: string | undefined;
  /** Pre-provision the demo accounts (alice, bob, carol) with their roles: for the local demo only. */
  demoUsers?: boolean;
  /** With demoUsers: the demo team, "Engineering", with alice in it and bob as its manager (created once). */
  demoData?: boolean;
  /** Emails pre-provisioned with the admin role at start, so a fresh deployment has a first administrator. */
  bootstrapAdmins?: readonly string[];
  /**
   * The API grants requests their token's scopes alone (`AUTHZ_TRUST_TOKEN_SCOPES`): an admin's permissions are then
   * their token's, and the no-escalation rule measures changes against those.
   */
  trustTokenScopes?: boolean;
  /** Seconds a machine client's old secret keeps working after a rotation, by default (CLIENT_SECRET_OVERLAP_SECONDS). */
  clientSecretOverlapSeconds: number;
}
