/** Contract of the authorization service (admin area and the provider's policy call). */

export interface PolicyRequest {
  subject: string;
  issuer: string;
  email?: string | null;
  name?: string | null;
  clientId?: string | null;
}

export interface PolicyResponse {
  userId: string;
  blocked: boolean;
  roles: string[];
  groups: string[];
  /** Effective permissions (scope names): empty while blocked. */
  permissions: string[];
}

export const POLICY_PATH = '/api/authz/policy';
export const POLICY_API_KEY_HEADER = 'x-api-key';

export interface PermissionDto {
  id: string;
  name: string;
  description: string;
}

export interface RoleDto {
  id: string;
  name: string;
  description: string;
  permissions: string[];
}

export interface GroupDto {
  id: string;
  name: string;
  description: string;
  parentId: string | null;
}

export interface UserSummaryDto {
  id: string;
  issuer: string | null;
  subject: string | null;
  email: string | null;
  name: string | null;
  blocked: boolean;
  lastLoginAt: string | null;
}

export type PermissionSourceKind = 'role' | 'group';

export interface PermissionSource {
  /** The role that carries the permission. */
  role: string;
  /** The chain of groups it came through, outermost last; empty when the role is assigned directly. */
  via: string[];
}

export interface EffectivePermission {
  permission: string;
  sources: PermissionSource[];
}

export interface UserDetailDto extends UserSummaryDto {
  roles: RoleDto[];
  groups: GroupDto[];
  effectivePermissions: EffectivePermission[];
}

export interface AuditEntryDto {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  before: unknown;
  after: unknown;
}
