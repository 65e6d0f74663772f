/** Contract of the authorization service (admin area and the provider's policy call). */

export interface PolicyRequest {
  subject: string;
  issuer: string;
  email?: string | null;
  /**
   * The identity provider has verified that the subject controls `email`. Only then may the subject claim the user
   * pre-provisioned with that email; absent means false.
   */
  emailVerified?: boolean;
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

/** Someone whose timesheets a user approves: a member (directly or through nesting) of a group the user manages. */
export interface ApprovesForDto {
  user: UserSummaryDto;
  /** The managed group, then the child groups down to the one the person is a member of. */
  via: string[];
}

export interface UserDetailDto extends UserSummaryDto {
  roles: RoleDto[];
  groups: GroupDto[];
  effectivePermissions: EffectivePermission[];
  /** Groups this user manages. */
  manages: GroupDto[];
  /** Whose timesheets this user approves (never their own); with approve:timesheets they may decide them. */
  approvesFor: ApprovesForDto[];
  /** Who approves this user's timesheets: the managers of their groups and of those groups' ancestors. */
  approvers: UserSummaryDto[];
}

/**
 * `POST /admin/users/:id/access-preview` [update:users]: what a user's access would be with exactly these direct roles
 * and groups, before anything is saved (nothing changes). For the admin's warning: `removed` lists what they would
 * lose; `belowGroupDefaults` what the roles of their current groups give every member and they would no longer have.
 */
export interface AccessPreviewRequest {
  roleIds: string[];
  groupIds: string[];
}

/**
 * Why the API would refuse a change when it is applied (the same checks, run on the proposal): it would leave no
 * unblocked holder of every admin permission (`lockout`), or it would give permissions the one changing does not hold
 * (`escalation`, naming them).
 */
export type AccessChangeRefusal =
  | { reason: 'lockout'; message: string }
  | { reason: 'escalation'; message: string; permissions: string[] };

export interface AccessPreviewDto {
  /** The user's effective permissions after the change, with where each would come from. */
  effectivePermissions: EffectivePermission[];
  added: string[];
  removed: string[];
  belowGroupDefaults: string[];
  /** Null when the change would be accepted; otherwise why it would be refused (applying it answers 403/409). */
  refusal: AccessChangeRefusal | null;
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

export interface GroupMemberDto {
  user: UserSummaryDto;
  /** Empty for an explicit member; otherwise the chain of child groups the membership comes through. */
  via: string[];
}

export interface GroupDetailDto extends GroupDto {
  roles: RoleDto[];
  children: GroupDto[];
  /** Members assigned to this group itself. */
  members: UserSummaryDto[];
  /** Everyone who is a member, explicitly or through a nested group. */
  allMembers: GroupMemberDto[];
  /** The group's managers: they approve the timesheets of its members (through nesting too), except their own. */
  managers: UserSummaryDto[];
}

export interface RoleMembersDto {
  direct: UserSummaryDto[];
  viaGroups: { user: UserSummaryDto; groups: string[] }[];
}

export interface CreatePermissionRequest {
  name: string;
  description?: string;
}
export type UpdatePermissionRequest = Partial<CreatePermissionRequest>;

export interface CreateRoleRequest {
  name: string;
  description?: string;
  permissions?: string[];
}
export type UpdateRoleRequest = Partial<Omit<CreateRoleRequest, 'permissions'>>;
export interface SetRolePermissionsRequest {
  permissions: string[];
}

export interface CreateGroupRequest {
  name: string;
  description?: string;
  parentId?: string | null;
}
export type UpdateGroupRequest = Partial<CreateGroupRequest>;

export interface ProvisionUserRequest {
  email: string;
  name?: string;
}

export interface ListUsersQuery {
  q?: string;
  limit?: number;
  cursor?: string;
}

export interface ListAuditQuery {
  action?: string;
  actorId?: string;
  targetType?: string;
  targetId?: string;
  from?: string;
  to?: string;
  limit?: number;
  cursor?: string;
}

/** The whole authorization configuration, as the Authorization Extension's export offered it. */
export interface ConfigurationExport {
  version: 1;
  permissions: { name: string; description: string }[];
  roles: { name: string; description: string; permissions: string[] }[];
  /** `managers` by email; an import without it leaves the group's managers as they are. */
  groups: {
    name: string;
    description: string;
    parent: string | null;
    roles: string[];
    members: string[];
    managers?: string[];
  }[];
  /** Users by email, with their direct assignments. */
  users: { email: string; name: string | null; blocked: boolean; roles: string[]; groups: string[] }[];
}

/** What the signed-in user is, as the API sees it now (`GET /api/me`). */
export interface MeResponse {
  subject: string;
  issuer: string;
  email: string | null;
  name: string | null;
  /** Scopes granted for this request: the token's scopes ∩ current effective permissions. */
  scopes: string[];
  roles: string[];
  groups: string[];
}

/**
 * Admin routes, all under `/api/admin` (scope in brackets):
 *   GET    /users?q&limit&cursor                 Page<UserSummaryDto>     [read:users]
 *   POST   /users  ProvisionUserRequest          UserSummaryDto           [update:users]
 *   GET    /users/:id                            UserDetailDto            [read:users]
 *   PUT    /users/:id/roles/:roleId              UserDetailDto            [update:users]
 *   DELETE /users/:id/roles/:roleId              UserDetailDto            [update:users]
 *   PUT    /users/:id/groups/:groupId            UserDetailDto            [update:users]
 *   DELETE /users/:id/groups/:groupId            UserDetailDto            [update:users]
 *   POST   /users/:id/block | /users/:id/unblock UserDetailDto            [update:users]
 *   POST   /users/:id/access-preview  AccessPreviewRequest  AccessPreviewDto (changes nothing)  [update:users]
 *   GET    /roles                                RoleDto[]                [read:roles]
 *   POST   /roles  CreateRoleRequest             RoleDto                  [create:roles]
 *   GET    /roles/:id                            RoleDto                  [read:roles]
 *   PATCH  /roles/:id  UpdateRoleRequest         RoleDto                  [update:roles]
 *   PUT    /roles/:id/permissions                RoleDto                  [update:roles]
 *   DELETE /roles/:id                            204                      [delete:roles]
 *   GET    /roles/:id/members                    RoleMembersDto           [read:roles]
 *   GET    /permissions                          PermissionDto[]          [read:permissions]
 *   POST   /permissions                          PermissionDto            [create:permissions]
 *   GET    /permissions/:id                      PermissionDto            [read:permissions]
 *   PATCH  /permissions/:id                      PermissionDto            [update:permissions]
 *   DELETE /permissions/:id?cascade=true         204 (409 while a role uses it, unless cascade) [delete:permissions]
 *   GET    /groups                               GroupDto[]               [read:groups]
 *   POST   /groups  CreateGroupRequest           GroupDto                 [create:groups]
 *   GET    /groups/:id                           GroupDetailDto           [read:groups]
 *   PATCH  /groups/:id  UpdateGroupRequest       GroupDto (cycle: 400)    [update:groups]
 *   DELETE /groups/:id                           204                      [delete:groups]
 *   PUT    /groups/:id/members/:userId           GroupDetailDto           [update:groups]
 *   DELETE /groups/:id/members/:userId           GroupDetailDto           [update:groups]
 *   PUT    /groups/:id/roles/:roleId             GroupDetailDto           [update:groups]
 *   DELETE /groups/:id/roles/:roleId             GroupDetailDto           [update:groups]
 *   PUT    /groups/:id/managers/:userId          GroupDetailDto           [update:groups]
 *   DELETE /groups/:id/managers/:userId          GroupDetailDto           [update:groups]
 *   GET    /audit?action&actorId&targetType&targetId&from&to&limit&cursor  Page<AuditEntryDto>  [read:audit]
 *   GET    /export                               ConfigurationExport      [read:roles read:groups read:permissions read:users]
 *   POST   /import ConfigurationExport           ConfigurationExport      [update:roles update:groups update:permissions update:users]
 * Customers, projects and the period lock are under `/api/admin` too: see routes.ts.
 * Elsewhere: `GET /api/me` (any valid token) and `POST /api/authz/policy` (x-api-key, no token).
 */
export const ADMIN_BASE_PATH = '/api/admin';
