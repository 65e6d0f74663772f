import { BadRequestException, ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type {
  AccessChangeRefusal,
  AccessPreviewDto,
  AccessPreviewRequest,
  ApprovesForDto,
  ListUsersQuery,
  Page,
  ProvisionUserRequest,
  UserDetailDto,
  UserSummaryDto,
} from '@timesheets/contracts';
import { decodeCursor, encodeCursor, type Principal } from '@timesheets/api-core';
import { GroupEntity, RoleEntity, UserEntity, UserGroupEntity, UserRoleEntity } from '../entities';
import { AuthzChanges, LOCKOUT_MESSAGE } from './authz-changes';
import { AuthzStore } from './authz.store';
import { PrivilegeEscalationException } from './privilege-escalation.exception';

const PAGE_DEFAULT = 20;

const byEmail = (a: UserSummaryDto, b: UserSummaryDto) =>
  (a.email ?? '').localeCompare(b.email ?? '') || a.id.localeCompare(b.id);

/** Escapes LIKE wildcards so that a search for "a_b" matches only that text. */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The refusal a change would meet when applied (AuthzChanges' checks), or null for any other error. */
function refusalOf(e: unknown): AccessChangeRefusal | null {
  if (e instanceof PrivilegeEscalationException)
    return { reason: 'escalation', message: e.message, permissions: [...e.missing].sort() };
  if (e instanceof ConflictException && e.message === LOCKOUT_MESSAGE) return { reason: 'lockout', message: e.message };
  return null;
}

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly store: AuthzStore,
    private readonly changes: AuthzChanges,
  ) {}

  /** By email (users without one first), then id: keyset paging on that pair. */
  async list(query: ListUsersQuery): Promise<Page<UserSummaryDto>> {
    const limit = query.limit ?? PAGE_DEFAULT;
    const sortKey = "COALESCE(u.email, '')";
    const qb = this.db.manager.createQueryBuilder(UserEntity, 'u');
    if (query.q) {
      const q = `%${likeEscape(query.q.toLowerCase())}%`;
      qb.andWhere(
        "(LOWER(COALESCE(u.email, '')) LIKE :q ESCAPE '\\' OR LOWER(COALESCE(u.name, '')) LIKE :q ESCAPE '\\' OR u.subject = :exact)",
        { q, exact: query.q },
      );
    }
    const after = decodeCursor(query.cursor, ['string', 'string'] as const);
    if (after) qb.andWhere(`(${sortKey} > :ck OR (${sortKey} = :ck AND u.id > :cid))`, { ck: after[0], cid: after[1] });
    qb.orderBy(sortKey, 'ASC')
      .addOrderBy('u.id', 'ASC')
      .limit(limit + 1);
    const rows = await qb.getMany();
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map((u) => this.store.userSummary(u)),
      nextCursor: rows.length > limit && last ? encodeCursor([last.email ?? '', last.id]) : null,
    };
  }

  async get(id: string): Promise<UserDetailDto> {
    return this.detail(this.db.manager, id);
  }

  provision(actor: Principal, dto: ProvisionUserRequest): Promise<UserSummaryDto> {
    return this.changes.run(actor, async ({ m, audit }) => {
      const email = dto.email.toLowerCase();
      if (await m.exists(UserEntity, { where: { email } }))
        throw new ConflictException('A user with this email already exists');
      const row: UserEntity = {
        id: randomUUID(),
        issuer: null,
        subject: null,
        email,
        name: dto.name ?? null,
        blocked: false,
        lastLoginAt: null,
        createdAt: new Date().toISOString(),
      };
      await m.insert(UserEntity, row);
      const after = this.store.userSummary(row);
      audit({ action: 'user.provision', targetType: 'user', targetId: row.id, after });
      return after;
    });
  }

  setRole(actor: Principal, id: string, roleId: string, assigned: boolean): Promise<UserDetailDto> {
    return this.changes.run(actor, async ({ m, audit }) => {
      await this.store.found(m, UserEntity, id, 'User');
      const role = await this.store.found(m, RoleEntity, roleId, 'Role');
      const exists = await m.exists(UserRoleEntity, { where: { userId: id, roleId } });
      if (assigned && !exists) await m.insert(UserRoleEntity, { userId: id, roleId });
      if (!assigned && exists) await m.delete(UserRoleEntity, { userId: id, roleId });
      if (assigned !== exists) {
        const change = { roleId, role: role.name };
        audit({
          action: assigned ? 'user.add_role' : 'user.remove_role',
          targetType: 'user',
          targetId: id,
          before: assigned ? null : change,
          after: assigned ? change : null,
        });
      }
      return this.detail(m, id);
    });
  }

  setGroup(actor: Principal, id: string, groupId: string, member: boolean): Promise<UserDetailDto> {
    return this.changes.run(actor, async ({ m, audit }) => {
      await this.store.found(m, UserEntity, id, 'User');
      const group = await this.store.found(m, GroupEntity, groupId, 'Group');
      const exists = await m.exists(UserGroupEntity, { where: { userId: id, groupId } });
      if (member && !exists) await m.insert(UserGroupEntity, { userId: id, groupId });
      if (!member && exists) await m.delete(UserGroupEntity, { userId: id, groupId });
      if (member !== exists) {
        const change = { groupId, group: group.name };
        audit({
          action: member ? 'user.add_group' : 'user.remove_group',
          targetType: 'user',
          targetId: id,
          before: member ? null : change,
          after: member ? change : null,
        });
      }
      return this.detail(m, id);
    });
  }

  setBlocked(actor: Principal, id: string, blocked: boolean): Promise<UserDetailDto> {
    return this.changes.run(actor, async ({ m, audit }) => {
      const user = await this.store.found(m, UserEntity, id, 'User');
      if (user.blocked !== blocked) {
        await m.update(UserEntity, { id }, { blocked });
        audit({
          action: blocked ? 'user.block' : 'user.unblock',
          targetType: 'user',
          targetId: id,
          before: { blocked: user.blocked },
          after: { blocked },
        });
      }
      return this.detail(m, id);
    });
  }

  /**
   * What a user's access would be with exactly these direct roles and groups, computed by the same model the
   * permission checks use, from the configuration as it is now, and whether applying it would be refused: the change is
   * made inside AuthzChanges' transaction, checked there like any other (escalation, lockout), and rolled back. Nothing
   * is written. Unknown ids are refused (400).
   */
  async previewAccess(actor: Principal, id: string, proposed: AccessPreviewRequest): Promise<AccessPreviewDto> {
    let preview: Omit<AccessPreviewDto, 'refusal'> | undefined;
    const roleIds = [...new Set(proposed.roleIds)];
    const groupIds = [...new Set(proposed.groupIds)];
    try {
      await this.changes.run(
        actor,
        async ({ m }) => {
          const user = await this.store.found(m, UserEntity, id, 'User');
          const model = await this.store.model(m);
          const unknown = [
            ...roleIds.filter((r) => !model.roles.has(r)).map((r) => `Role ${r} does not exist`),
            ...groupIds.filter((g) => !model.groups.has(g)).map((g) => `Group ${g} does not exist`),
          ];
          if (unknown.length > 0) throw new BadRequestException(unknown);
          const now = await this.store.assignments(m, user);
          const before = model.access(now).permissions;
          const next = { ...now, roleIds, groupIds };
          const after = model.access(next).permissions;
          // What membership of their current groups gives every member (the groups' roles, inherited ones too).
          const groupDefaults = model.access({ ...now, roleIds: [] }).permissions;
          const sorted = (xs: Iterable<string>) => [...xs].sort();
          preview = {
            effectivePermissions: model.explain(next),
            added: sorted([...after].filter((p) => !before.has(p))),
            removed: sorted([...before].filter((p) => !after.has(p))),
            belowGroupDefaults: sorted([...groupDefaults].filter((p) => !after.has(p))),
          };
          // The change itself, for the checks (rolled back).
          await m.delete(UserRoleEntity, { userId: id });
          await m.delete(UserGroupEntity, { userId: id });
          if (roleIds.length > 0)
            await m.insert(
              UserRoleEntity,
              roleIds.map((roleId) => ({ userId: id, roleId })),
            );
          if (groupIds.length > 0)
            await m.insert(
              UserGroupEntity,
              groupIds.map((groupId) => ({ userId: id, groupId })),
            );
        },
        { dryRun: true },
      );
      return { ...(preview as Omit<AccessPreviewDto, 'refusal'>), refusal: null };
    } catch (e) {
      const refusal = refusalOf(e);
      if (!refusal || !preview) throw e;
      return { ...preview, refusal };
    }
  }

  private async detail(m: EntityManager, id: string): Promise<UserDetailDto> {
    const user = await this.store.found(m, UserEntity, id, 'User');
    const model = await this.store.model(m);
    const assignments = await this.store.assignments(m, user);
    const manages = model.managedBy(id);
    const everyone =
      manages.length > 0 || model.approversOf(assignments).size > 0 ? await this.store.allAssignments(m) : [];
    // Whom this user approves for: members of a managed group or of a group below it, each once, by the shortest chain.
    const approvesFor = new Map<string, ApprovesForDto>();
    for (const managed of manages) {
      for (const { group, via } of model.below(managed.id)) {
        for (const other of everyone) {
          if (other.user.id === id || !other.assignments.groupIds.includes(group.id)) continue;
          const known = approvesFor.get(other.user.id);
          if (!known || known.via.length > via.length)
            approvesFor.set(other.user.id, { user: this.store.userSummary(other.user), via });
        }
      }
    }
    const approverIds = model.approversOf(assignments);
    return {
      ...this.store.userSummary(user),
      roles: assignments.roleIds.map((r) => this.store.roleDto(model, r)).sort((a, b) => a.name.localeCompare(b.name)),
      groups: assignments.groupIds
        .map((g) => model.groups.get(g))
        .filter((g) => g !== undefined)
        .map((g) => this.store.groupDto(g))
        .sort((a, b) => a.name.localeCompare(b.name)),
      effectivePermissions: model.explain(assignments),
      manages: manages.map((g) => this.store.groupDto(g)),
      approvesFor: [...approvesFor.values()].sort((a, b) => byEmail(a.user, b.user)),
      approvers: everyone
        .filter((o) => approverIds.has(o.user.id))
        .map((o) => this.store.userSummary(o.user))
        .sort(byEmail),
    };
  }
}
