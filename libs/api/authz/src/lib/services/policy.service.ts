import { Injectable, Logger } from '@nestjs/common';
import { AccountEvents } from '@timesheets/api-core';
import { randomUUID } from 'node:crypto';
import { IsNull, type EntityManager } from 'typeorm';
import type { PolicyRequest, PolicyResponse } from '@timesheets/contracts';
import { UserEntity } from '../entities';
import { AuthzChanges } from './authz-changes';
import { AuthzCache } from './authz.cache';
import { AuthzStore } from './authz.store';

/**
 * The answer to the OpenID Provider at token issuance: who this is to the authorization service, and what they may do.
 * Creates the user on first sight, or attaches the user pre-provisioned with that email if nobody has claimed it yet
 * and the provider verified the email.
 */
@Injectable()
export class PolicyService {
  private readonly log = new Logger(PolicyService.name);

  constructor(
    private readonly store: AuthzStore,
    private readonly changes: AuthzChanges,
    private readonly cache: AuthzCache,
    private readonly events: AccountEvents,
  ) {}

  async evaluate(request: PolicyRequest): Promise<PolicyResponse> {
    let first: UserEntity | null = null;
    const answer = await this.changes.run(
      null,
      async ({ m, audit, accessUnchanged }) => {
        const { user, returning } = await this.identify(m, request, audit);
        // A returning user's sign-in updates only their name, email and last sign-in: nobody's access moves.
        if (returning) accessUnchanged();
        else first = user;
        const model = await this.store.model(m);
        const assignments = await this.store.assignments(m, user);
        const access = model.access(assignments);
        return {
          userId: user.id,
          blocked: user.blocked,
          roles: access.roles,
          groups: access.groups,
          permissions: [...access.permissions].sort(),
        };
      },
      { lockout: false },
    );
    this.cache.forget(AuthzCache.keyOf(request));
    const linked = first as UserEntity | null;
    if (linked !== null)
      await this.events.firstSignIn({
        userId: linked.id,
        issuer: request.issuer,
        subject: request.subject,
        email: linked.email,
        name: linked.name,
      });
    return answer;
  }

  /**
   * The user this subject is. A user record's email is always one the provider verified (`emailVerified: true`):
   * pre-provisioning, claiming, provisioning conflicts and import all match users by email, so an unverified email
   * must not become the key to someone's access. An unverified subject is a user of its own, stored without email.
   */
  private async identify(
    m: EntityManager,
    request: PolicyRequest,
    audit: (e: { action: string; targetType: string; targetId: string; after?: unknown }) => void,
  ): Promise<{ user: UserEntity; returning: boolean }> {
    const presented = request.email ? request.email.toLowerCase() : null;
    const email = request.emailVerified === true ? presented : null;
    const name = request.name ?? null;
    const now = new Date().toISOString();
    let user = await m.findOne(UserEntity, { where: { issuer: request.issuer, subject: request.subject } });
    if (user) {
      const changes: Partial<UserEntity> = { lastLoginAt: now };
      if (name !== null) changes.name = name;
      // A changed email is taken only if no other user holds it (emails are unique).
      if (email !== null && email !== user.email && !(await m.exists(UserEntity, { where: { email } })))
        changes.email = email;
      await m.update(UserEntity, { id: user.id }, changes);
      return { user: { ...user, ...changes }, returning: true };
    }
    const provisioned = email
      ? await m.findOne(UserEntity, { where: { email, issuer: IsNull(), subject: IsNull() } })
      : null;
    if (provisioned) {
      const changes = {
        issuer: request.issuer,
        subject: request.subject,
        name: name ?? provisioned.name,
        lastLoginAt: now,
      };
      await m.update(UserEntity, { id: provisioned.id }, changes);
      audit({ action: 'user.claim', targetType: 'user', targetId: provisioned.id, after: { email, ...changes } });
      return { user: { ...provisioned, ...changes }, returning: false };
    }
    // An unverified email that some user holds is what a takeover attempt looks like (or a provider not verifying).
    if (presented !== null && email === null && (await m.exists(UserEntity, { where: { email: presented } })))
      this.log.warn("A new subject presented another user's email unverified; created as a user of its own");
    const taken = email !== null && (await m.exists(UserEntity, { where: { email } }));
    if (taken) this.log.warn('A new subject signed in with an email another user already holds; stored without email');
    user = {
      id: randomUUID(),
      issuer: request.issuer,
      subject: request.subject,
      email: taken ? null : email,
      name,
      blocked: false,
      lastLoginAt: now,
      createdAt: now,
    };
    await m.insert(UserEntity, user);
    audit({
      action: 'user.create',
      targetType: 'user',
      targetId: user.id,
      after: { issuer: user.issuer, subject: user.subject, email: user.email, name: user.name },
    });
    return { user, returning: false };
  }
}
