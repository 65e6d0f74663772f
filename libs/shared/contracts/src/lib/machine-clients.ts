import type { MachineScope } from './scopes';

/**
 * Machine clients: server processes (a badge reader, a ticketing tool, a nightly job) that get access tokens with the
 * client-credentials grant, without a user. Registered by admins in the admin area; the API keeps them (hashed
 * secrets) and the embedded OpenID Provider asks it at every token request.
 *
 * Admin routes, under `/api/admin` [manage:clients]:
 *   GET    /clients                                        MachineClientDto[]
 *   POST   /clients        CreateMachineClientRequest      IssuedClientSecretDto (201; the secret is shown once)
 *   GET    /clients/:id                                    MachineClientDto
 *   PATCH  /clients/:id    UpdateMachineClientRequest      MachineClientDto (409 once revoked)
 *   POST   /clients/:id/secret  RotateClientSecretRequest  IssuedClientSecretDto (the old secret works until
 *                                                          `previousSecretExpiresAt`; 409 once revoked)
 *   POST   /clients/:id/revoke                             MachineClientDto (its next token request fails; the API
 *                                                          refuses its tokens within 5 s)
 * Provider only: `POST /api/authz/client-policy` (x-api-key) ClientPolicyRequest -> ClientPolicyResponse.
 * The import itself: `POST /api/imports/timesheets` (see imports.ts) [import:timesheets, machine clients only].
 */

/** What imported entries become: drafts (the person submits them) or submitted for approval. Never approved. */
export type ImportedEntryStatus = 'draft' | 'pending';
export const IMPORTED_ENTRY_STATUSES: readonly ImportedEntryStatus[] = ['draft', 'pending'];

/** Client ids the API issues: `mc_` and 22 base64url characters (128 random bits). */
export const MACHINE_CLIENT_ID_PATTERN = /^mc_[A-Za-z0-9_-]{22}$/;

export function isMachineClientId(value: unknown): value is string {
  return typeof value === 'string' && MACHINE_CLIENT_ID_PATTERN.test(value);
}

export const MachineClientLimits = {
  nameMax: 100,
  /** Longest time an old secret may keep working after a rotation: 30 days. */
  overlapMaxSeconds: 30 * 24 * 60 * 60,
} as const;

export interface MachineClientDto {
  /** The OAuth `client_id`. */
  id: string;
  name: string;
  /** Machine scopes it may be granted (a token gets requested ∩ these). */
  scopes: MachineScope[];
  /** What its imported entries become. */
  importStatus: ImportedEntryStatus;
  createdAt: string;
  /** Who registered it (name or email of the admin), for the list. */
  createdBy: string | null;
  /** When the current secret was issued. */
  secretIssuedAt: string;
  /** Until when the secret before the last rotation still works (null: it does not). */
  previousSecretExpiresAt: string | null;
  /** Set once revoked: no token is issued any more and the API refuses the tokens issued before. */
  revokedAt: string | null;
}

export interface CreateMachineClientRequest {
  name: string;
  scopes: MachineScope[];
  /** Default `draft`. */
  importStatus?: ImportedEntryStatus;
}

export type UpdateMachineClientRequest = Partial<CreateMachineClientRequest>;

export interface RotateClientSecretRequest {
  /**
   * How long the secret in use keeps working, in seconds (0 ends it now, e.g. after a leak); default the API's
   * `CLIENT_SECRET_OVERLAP_SECONDS`. At most `MachineClientLimits.overlapMaxSeconds`.
   */
  overlapSeconds?: number;
}

/** The answer of a registration or a rotation: the only time the secret is ever shown. */
export interface IssuedClientSecretDto {
  client: MachineClientDto;
  clientSecret: string;
}

/** The provider asks whether a client authenticates, at every client-credentials token request. */
export interface ClientPolicyRequest {
  clientId: string;
  clientSecret: string;
}

/** Shaped like token introspection (RFC 7662): `active: false` for an unknown, revoked or wrongly authenticated client. */
export type ClientPolicyResponse =
  | { active: false }
  | { active: true; clientId: string; name: string; scopes: MachineScope[] };

export const CLIENT_POLICY_PATH = '/api/authz/client-policy';

export const MachineClientRoutes = {
  clients: '/admin/clients',
  client: (id: string) => `/admin/clients/${encodeURIComponent(id)}`,
  clientSecret: (id: string) => `/admin/clients/${encodeURIComponent(id)}/secret`,
  revokeClient: (id: string) => `/admin/clients/${encodeURIComponent(id)}/revoke`,
} as const;
