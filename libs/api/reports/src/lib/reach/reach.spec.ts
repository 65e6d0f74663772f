import { ForbiddenException } from '@nestjs/common';
import { NoTeamDirectory, type Principal, Team, TeamDirectory } from '@timesheets/api-core';
import { assertWithinReach, type Reach, ReachResolver } from './reach';

const principal = (...scopes: string[]): Principal => ({
  kind: 'user',
  issuer: 'https://issuer.test',
  subject: 'me',
  clientId: null,
  email: null,
  name: null,
  tokenScopes: new Set(scopes),
  scopes: new Set(scopes),
  expiresAt: 0,
});

class OneTeam extends NoTeamDirectory {
  override async teamOf(): Promise<Team> {
    return new Team(
      [{ userId: 'u1', ownerId: 'alice', name: 'Alice', email: null, groupIds: ['g1'] }],
      [{ id: 'g1', name: 'Engineering' }],
    );
  }
}

describe('report reach', () => {
  const resolver = (team: TeamDirectory = new OneTeam()) => new ReachResolver(team);

  it('is everybody with read:reports, even with the other scopes', async () => {
    const reach = await resolver().of(principal('read:reports', 'approve:timesheets', 'read:timesheets'));
    expect(reach.kind).toBe('everybody');
  });

  it('is the caller and their people for an approver, and the groups they manage', async () => {
    const reach = await resolver().of(principal('approve:timesheets', 'read:timesheets'));
    expect(reach).toEqual({
      kind: 'team',
      self: 'me',
      issuer: 'https://issuer.test',
      ownerIds: ['me', 'alice'],
      groupIds: ['g1'],
    });
  });

  it('is the caller alone with read:timesheets, and nothing without any of the three scopes', async () => {
    expect((await resolver().of(principal('read:timesheets'))).kind).toBe('own');
    await expect(resolver().of(principal('read:projects', 'read:users'))).rejects.toBeInstanceOf(ForbiddenException);
    // A machine client holds machine scopes only: no reach.
    await expect(resolver().of({ ...principal('import:timesheets'), kind: 'client' })).rejects.toBeInstanceOf(
      ForbiddenException,
    );
  });

  it('refuses filters outside the reach instead of narrowing them', () => {
    const team: Reach = { kind: 'team', self: 'me', issuer: 'i', ownerIds: ['me', 'alice'], groupIds: ['g1'] };
    const own: Reach = { kind: 'own', self: 'me', issuer: 'i' };
    const everybody: Reach = { kind: 'everybody', self: 'me', issuer: 'i' };
    expect(() => assertWithinReach(team, { person: ['alice', 'me'], group: ['g1'] })).not.toThrow();
    expect(() => assertWithinReach(team, { person: ['alice', 'bob'] })).toThrow(/Person lists someone/);
    expect(() => assertWithinReach(team, { group: ['g2'] })).toThrow(/Group lists a group/);
    expect(() => assertWithinReach(own, { person: ['me'] })).not.toThrow();
    expect(() => assertWithinReach(own, { person: ['alice'] })).toThrow(ForbiddenException);
    expect(() => assertWithinReach(own, { group: ['g1'] })).toThrow(ForbiddenException);
    expect(() => assertWithinReach(everybody, { person: ['x'], group: ['y'] })).not.toThrow();
  });
});
