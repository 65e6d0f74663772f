import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, In } from 'typeorm';
import { type PersonByEmail, type Principal, Team, TeamDirectory, type TeamMember } from '@timesheets/api-core';
import { GroupEntity, UserEntity, UserGroupEntity } from '../entities';
import type { AuthzModel } from '../model/authz-model';
import { AuthzCache } from './authz.cache';
import { AuthzScopesResolver } from './authz-scopes.resolver';
import { AuthzStore } from './authz.store';

type Caller = Pick<Principal, 'issuer' | 'subject'>;

interface Known {
  generation: number;
  team?: Team;
  groups?: ReadonlySet<string>;
}

/**
 * Approval lines from groups and their managers. A caller's team is computed once per authorization version (like
 * their access, see AuthzCache): a change anywhere clears it within about a second on every instance, and a request
 * in between costs a map lookup.
 */
@Injectable()
export class AuthzTeamDirectory extends TeamDirectory {
  private static readonly MAX_ENTRIES = 10_000;
  private readonly known = new Map<string, Known>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly store: AuthzStore,
    private readonly cache: AuthzCache,
    private readonly resolver: AuthzScopesResolver,
  ) {
    super();
  }

  async teamOf(caller: Caller): Promise<Team> {
    const entry = await this.entry(caller);
    if (entry === null) return Team.EMPTY;
    if (!entry.known.team) entry.known.team = await this.loadTeam(entry.userId, caller.issuer, entry.generation);
    return entry.known.team;
  }

  async groupsOf(caller: Caller): Promise<ReadonlySet<string>> {
    const entry = await this.entry(caller);
    if (entry === null) return new Set();
    if (!entry.known.groups) {
      const model = await this.model(entry.generation);
      const direct = await this.db.manager.find(UserGroupEntity, { where: { userId: entry.userId } });
      entry.known.groups = new Set(
        model.memberships({ groupIds: direct.map((g) => g.groupId) }).map((g) => g.group.id),
      );
    }
    return entry.known.groups;
  }

  async approversOf(caller: Caller): Promise<readonly TeamMember[]> {
    const entry = await this.entry(caller);
    if (entry === null) return [];
    const model = await this.model(entry.generation);
    const direct = await this.db.manager.find(UserGroupEntity, { where: { userId: entry.userId } });
    const ids = [...model.approversOf({ id: entry.userId, groupIds: direct.map((g) => g.groupId) }).keys()];
    if (ids.length === 0) return [];
    const users = await this.db.manager.find(UserEntity, { where: { id: In(ids), issuer: caller.issuer } });
    return users
      .filter((u) => u.subject !== null)
      .map((u) => ({ userId: u.id, ownerId: u.subject as string, name: u.name, email: u.email, groupIds: [] }));
  }

  async groupNames(ids: readonly string[]): Promise<ReadonlyMap<string, string>> {
    if (ids.length === 0) return new Map();
    // Fresh from the database: an admin checks these right after creating a group.
    const rows = await this.db.manager.find(GroupEntity, { where: { id: In([...new Set(ids)]) } });
    return new Map(rows.map((g) => [g.id, g.name]));
  }

  async peopleByEmail(issuer: string, emails: readonly string[]): Promise<ReadonlyMap<string, PersonByEmail>> {
    const wanted = [...new Set(emails.map((e) => e.toLowerCase()))];
    const people = new Map<string, PersonByEmail>();
    // Emails are stored lower case; a few hundred per query keeps every engine's parameter limit far away.
    for (let i = 0; i < wanted.length; i += 500) {
      const users = await this.db.manager.find(UserEntity, { where: { email: In(wanted.slice(i, i + 500)) } });
      for (const u of users)
        if (u.email !== null)
          people.set(u.email, {
            userId: u.id,
            email: u.email,
            name: u.name,
            ownerId: u.issuer === issuer ? u.subject : null,
            blocked: u.blocked,
          });
    }
    return people;
  }

  /** The caller's record for the current authorization version (the resolver reads the version when it is due). */
  private async entry(caller: Caller): Promise<{ userId: string; generation: number; known: Known } | null> {
    const me = await this.resolver.access(caller);
    if (!me) return null;
    const generation = this.cache.generation;
    const key = AuthzCache.keyOf(caller);
    let known = this.known.get(key);
    if (!known || known.generation !== generation) {
      if (this.known.size >= AuthzTeamDirectory.MAX_ENTRIES) this.known.clear();
      known = { generation };
      this.known.set(key, known);
    }
    return { userId: me.userId, generation, known };
  }

  private async loadTeam(managerId: string, issuer: string, generation: number): Promise<Team> {
    const model = await this.model(generation);
    const managed = model.managedBy(managerId);
    if (managed.length === 0) return Team.EMPTY;
    const m = this.db.manager;
    const manager = await m.findOne(UserEntity, { where: { id: managerId }, select: { id: true, blocked: true } });
    if (!manager || manager.blocked) return Team.EMPTY;
    const covered = [...new Set(managed.flatMap((g) => model.below(g.id).map((b) => b.group.id)))];
    const groups = covered
      .map((id) => ({ id, name: model.groups.get(id)?.name ?? '' }))
      .sort((a, b) => a.name.localeCompare(b.name));
    const inCovered = await m.find(UserGroupEntity, { where: { groupId: In(covered) } });
    const userIds = [...new Set(inCovered.map((r) => r.userId))].filter((id) => id !== managerId);
    if (userIds.length === 0) return new Team([], groups);
    const users = await m.find(UserEntity, { where: { id: In(userIds), issuer } });
    const direct = new Map<string, string[]>();
    for (const d of await m.find(UserGroupEntity, { where: { userId: In(userIds) } }))
      direct.set(d.userId, [...(direct.get(d.userId) ?? []), d.groupId]);
    const members: TeamMember[] = users
      .filter((u) => u.subject !== null)
      .map((u) => ({
        userId: u.id,
        ownerId: u.subject as string,
        name: u.name,
        email: u.email,
        groupIds: model.memberships({ groupIds: direct.get(u.id) ?? [] }).map((g) => g.group.id),
      }))
      .sort(
        (a, b) => (a.name ?? a.email ?? '').localeCompare(b.name ?? b.email ?? '') || a.userId.localeCompare(b.userId),
      );
    return new Team(members, groups);
  }

  private async model(generation: number): Promise<AuthzModel> {
    const cached = this.cache.model(generation);
    if (cached) return cached;
    const model = await this.store.model(this.db.manager);
    this.cache.setModel(model, generation);
    return model;
  }
}
