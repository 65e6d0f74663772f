import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DEMO_ACCOUNTS, DEMO_TEAM, Roles } from '@timesheets/contracts';
import { GroupEntity, GroupManagerEntity, RoleEntity, UserEntity, UserGroupEntity, UserRoleEntity } from '../entities';
import { AUTHZ_OPTIONS, type AuthzOptions } from '../authz.options';
import { AuthzChanges } from './authz-changes';

/**
 * Pre-provisions, by email, the users the configuration names: the first administrators of a fresh deployment
 * (`AUTHZ_BOOTSTRAP_ADMINS`) and, for the local demo only, the demo accounts. The role applies when that email first
 * signs in through the policy endpoint. An email already known is left alone, so an admin's later changes stand.
 */
@Injectable()
export class AuthzBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger('AuthzBootstrap');

  constructor(
    @Inject(AUTHZ_OPTIONS) private readonly options: AuthzOptions,
    private readonly changes: AuthzChanges,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const wanted = new Map<string, { name: string | null; role: string }>();
    if (this.options.demoUsers)
      for (const a of DEMO_ACCOUNTS) wanted.set(a.email.toLowerCase(), { name: a.name, role: a.role });
    for (const email of this.options.bootstrapAdmins ?? [])
      wanted.set(email.toLowerCase(), { name: null, role: Roles.Admin });
    if (wanted.size === 0) return;

    const created = await this.changes.run(
      null,
      async ({ m, audit }) => {
        const added: string[] = [];
        for (const [email, { name, role }] of wanted) {
          if (await m.findOneBy(UserEntity, { email })) continue;
          const roleRow = await m.findOneBy(RoleEntity, { name: role });
          if (!roleRow) continue; // an admin deleted the role; nothing to give
          const user = m.create(UserEntity, {
            id: randomUUID(),
            issuer: null,
            subject: null,
            email,
            name,
            blocked: false,
            lastLoginAt: null,
            createdAt: new Date().toISOString(),
          });
          await m.insert(UserEntity, user);
          await m.insert(UserRoleEntity, { userId: user.id, roleId: roleRow.id });
          audit({ action: 'user.provision', targetType: 'user', targetId: user.id, after: { email, roles: [role] } });
          added.push(`${email} (${role})`);
        }
        return added;
      },
      { lockout: false },
    );
    if (created.length > 0) this.logger.log(`Pre-provisioned ${created.join(', ')}`);
    if (this.options.demoUsers && this.options.demoData) await this.demoTeam();
  }

  /** The demo's team, once: "Engineering", with alice in it and bob as its manager. An admin's later changes stand. */
  private async demoTeam(): Promise<void> {
    const made = await this.changes.run(
      null,
      async ({ m, audit }) => {
        if (await m.findOneBy(GroupEntity, { name: DEMO_TEAM.name })) return false;
        const member = await m.findOneBy(UserEntity, { email: DEMO_TEAM.member });
        const manager = await m.findOneBy(UserEntity, { email: DEMO_TEAM.manager });
        if (!member || !manager) return false;
        const group = { id: randomUUID(), name: DEMO_TEAM.name, description: DEMO_TEAM.description, parentId: null };
        await m.insert(GroupEntity, group);
        await m.insert(UserGroupEntity, { userId: member.id, groupId: group.id });
        await m.insert(GroupManagerEntity, { userId: manager.id, groupId: group.id });
        audit({
          action: 'group.create',
          targetType: 'group',
          targetId: group.id,
          after: { ...group, members: [DEMO_TEAM.member], managers: [DEMO_TEAM.manager] },
        });
        return true;
      },
      { lockout: false },
    );
    if (made) this.logger.log(`Demo team ${DEMO_TEAM.name}: ${DEMO_TEAM.member}, managed by ${DEMO_TEAM.manager}`);
  }
}
