import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  AccessPreviewDto,
  AccessPreviewRequest,
  ApiRoutes,
  AuditEntryDto,
  ConfigurationExport,
  CreateGroupRequest,
  CreateMachineClientRequest,
  CreatePermissionRequest,
  CreateCustomerRequest,
  CreateProjectRequest,
  CreateRoleRequest,
  CustomerDto,
  ListCustomersQuery,
  ListProjectsQuery,
  PeriodLockDto,
  ProjectDto,
  SetPeriodLockRequest,
  UpdateCustomerRequest,
  UpdateProjectRequest,
  GroupDetailDto,
  GroupDto,
  IssuedClientSecretDto,
  ListAuditQuery,
  ListUsersQuery,
  MachineClientDto,
  MachineClientRoutes,
  Page,
  PermissionDto,
  RoleDto,
  RoleMembersDto,
  RotateClientSecretRequest,
  UpdateGroupRequest,
  UpdatePermissionRequest,
  UpdateRoleRequest,
  UserDetailDto,
  UserSummaryDto,
} from '@timesheets/contracts';
import { injectApiUrl, toParams } from './api-url';

const e = encodeURIComponent;

/** Client of `/api/admin` (routes and scopes listed in @timesheets/contracts authz.ts). */
@Injectable({ providedIn: 'root' })
export class AdminApi {
  private readonly http = inject(HttpClient);
  private readonly api = injectApiUrl();
  private url(path: string) {
    return this.api('/admin' + path);
  }

  listUsers(query: ListUsersQuery = {}) {
    return this.http.get<Page<UserSummaryDto>>(this.url('/users'), { params: toParams(query) });
  }
  getUser(id: string) {
    return this.http.get<UserDetailDto>(this.url(`/users/${e(id)}`));
  }
  setUserRole(id: string, roleId: string, on: boolean) {
    const u = this.url(`/users/${e(id)}/roles/${e(roleId)}`);
    return on ? this.http.put<UserDetailDto>(u, {}) : this.http.delete<UserDetailDto>(u);
  }
  setUserGroup(id: string, groupId: string, on: boolean) {
    const u = this.url(`/users/${e(id)}/groups/${e(groupId)}`);
    return on ? this.http.put<UserDetailDto>(u, {}) : this.http.delete<UserDetailDto>(u);
  }
  /** What the user's access would be with exactly these direct roles and groups (nothing is saved). */
  previewUserAccess(id: string, body: AccessPreviewRequest) {
    return this.http.post<AccessPreviewDto>(this.url(`/users/${e(id)}/access-preview`), body);
  }
  setBlocked(id: string, blocked: boolean) {
    return this.http.post<UserDetailDto>(this.url(`/users/${e(id)}/${blocked ? 'block' : 'unblock'}`), {});
  }

  listRoles() {
    return this.http.get<RoleDto[]>(this.url('/roles'));
  }
  createRole(body: CreateRoleRequest) {
    return this.http.post<RoleDto>(this.url('/roles'), body);
  }
  updateRole(id: string, body: UpdateRoleRequest) {
    return this.http.patch<RoleDto>(this.url(`/roles/${e(id)}`), body);
  }
  setRolePermissions(id: string, permissions: string[]) {
    return this.http.put<RoleDto>(this.url(`/roles/${e(id)}/permissions`), { permissions });
  }
  deleteRole(id: string) {
    return this.http.delete<void>(this.url(`/roles/${e(id)}`));
  }
  roleMembers(id: string) {
    return this.http.get<RoleMembersDto>(this.url(`/roles/${e(id)}/members`));
  }

  listClients() {
    return this.http.get<MachineClientDto[]>(this.api(MachineClientRoutes.clients));
  }
  createClient(body: CreateMachineClientRequest) {
    return this.http.post<IssuedClientSecretDto>(this.api(MachineClientRoutes.clients), body);
  }
  rotateClientSecret(id: string, body: RotateClientSecretRequest = {}) {
    return this.http.post<IssuedClientSecretDto>(this.api(MachineClientRoutes.clientSecret(id)), body);
  }
  revokeClient(id: string) {
    return this.http.post<MachineClientDto>(this.api(MachineClientRoutes.revokeClient(id)), {});
  }

  listPermissions() {
    return this.http.get<PermissionDto[]>(this.url('/permissions'));
  }
  createPermission(body: CreatePermissionRequest) {
    return this.http.post<PermissionDto>(this.url('/permissions'), body);
  }
  updatePermission(id: string, body: UpdatePermissionRequest) {
    return this.http.patch<PermissionDto>(this.url(`/permissions/${e(id)}`), body);
  }
  deletePermission(id: string, cascade = false) {
    return this.http.delete<void>(this.url(`/permissions/${e(id)}`), {
      params: toParams({ cascade: cascade || undefined }),
    });
  }

  listGroups() {
    return this.http.get<GroupDto[]>(this.url('/groups'));
  }
  getGroup(id: string) {
    return this.http.get<GroupDetailDto>(this.url(`/groups/${e(id)}`));
  }
  createGroup(body: CreateGroupRequest) {
    return this.http.post<GroupDto>(this.url('/groups'), body);
  }
  updateGroup(id: string, body: UpdateGroupRequest) {
    return this.http.patch<GroupDto>(this.url(`/groups/${e(id)}`), body);
  }
  deleteGroup(id: string) {
    return this.http.delete<void>(this.url(`/groups/${e(id)}`));
  }
  setGroupMember(id: string, userId: string, on: boolean) {
    const u = this.url(`/groups/${e(id)}/members/${e(userId)}`);
    return on ? this.http.put<GroupDetailDto>(u, {}) : this.http.delete<GroupDetailDto>(u);
  }
  setGroupRole(id: string, roleId: string, on: boolean) {
    const u = this.url(`/groups/${e(id)}/roles/${e(roleId)}`);
    return on ? this.http.put<GroupDetailDto>(u, {}) : this.http.delete<GroupDetailDto>(u);
  }
  /** Makes a user a manager of a group (they approve its members' timesheets), or no longer. */
  setGroupManager(id: string, userId: string, on: boolean) {
    const u = this.api(ApiRoutes.adminGroupManager(id, userId));
    return on ? this.http.put<GroupDetailDto>(u, {}) : this.http.delete<GroupDetailDto>(u);
  }

  listCustomers(query: ListCustomersQuery = {}) {
    return this.http.get<CustomerDto[]>(this.api(ApiRoutes.adminCustomers), { params: toParams(query) });
  }
  createCustomer(body: CreateCustomerRequest) {
    return this.http.post<CustomerDto>(this.api(ApiRoutes.adminCustomers), body);
  }
  /** Renames, archives (`archived: true`) or restores. */
  updateCustomer(id: string, body: UpdateCustomerRequest) {
    return this.http.patch<CustomerDto>(this.api(ApiRoutes.adminCustomer(id)), body);
  }
  listProjects(query: ListProjectsQuery = {}) {
    return this.http.get<Page<ProjectDto>>(this.api(ApiRoutes.adminProjects), { params: toParams(query) });
  }
  createProject(body: CreateProjectRequest) {
    return this.http.post<ProjectDto>(this.api(ApiRoutes.adminProjects), body);
  }
  /** Any subset of the fields; `archived` archives or restores. */
  updateProject(id: string, body: UpdateProjectRequest) {
    return this.http.patch<ProjectDto>(this.api(ApiRoutes.adminProject(id)), body);
  }

  periodLock() {
    return this.http.get<PeriodLockDto>(this.api(ApiRoutes.adminPeriodLock));
  }
  /** Moves the "locked through" date; null lifts the lock. */
  setPeriodLock(body: SetPeriodLockRequest) {
    return this.http.put<PeriodLockDto>(this.api(ApiRoutes.adminPeriodLock), body);
  }

  listAudit(query: ListAuditQuery = {}) {
    return this.http.get<Page<AuditEntryDto>>(this.url('/audit'), { params: toParams(query) });
  }
  exportConfig() {
    return this.http.get<ConfigurationExport>(this.url('/export'));
  }
  importConfig(body: ConfigurationExport) {
    return this.http.post<ConfigurationExport>(this.url('/import'), body);
  }
}
