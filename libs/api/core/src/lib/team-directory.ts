import type { Principal } from './principal';

/** Someone whose timesheets the caller approves. */
export interface TeamMember {
  /** The authorization service's id. */
  userId: string;
  /** The token subject their entries are owned by (an entry's `ownerId`). */
  ownerId: string;
  name: string | null;
  email: string | null;
  /** Every group they belong to, directly or through nesting. */
  groupIds: readonly string[];
}

/** A person as an import names them (by email), when the authorization service knows them. */
export interface PersonByEmail {
  userId: string;
  /** Lower case. */
  email: string;
  name: string | null;
  /** The token subject their entries are owned by; null while they have never signed in with this issuer. */
  ownerId: string | null;
  blocked: boolean;
}

/** The people one caller approves for (never the caller), and the groups they come from. */
export class Team {
  private readonly byOwner: ReadonlyMap<string, TeamMember>;
  private readonly byUser: ReadonlyMap<string, TeamMember>;

  constructor(
    readonly members: readonly TeamMember[],
    /** The groups the caller manages and every group below them, by name. */
    readonly groups: readonly { id: string; name: string }[] = [],
  ) {
    this.byOwner = new Map(members.map((m) => [m.ownerId, m]));
    this.byUser = new Map(members.map((m) => [m.userId, m]));
  }

  static readonly EMPTY = new Team([]);

  byOwnerId(ownerId: string): TeamMember | undefined {
    return this.byOwner.get(ownerId);
  }

  byUserId(userId: string): TeamMember | undefined {
    return this.byUser.get(userId);
  }
}

/**
 * Approval lines and group membership, as the authorization service knows them: a person's approvers are the
 * managers of every group the person belongs to, directly or through nesting. Entries are owned by token subjects and
 * the API trusts one issuer, so a user is matched to entries by the caller's issuer and the user's subject; a user
 * who never signed in has no subject, hence no entries, and is left out. The authorization module provides the
 * implementation; without it nobody approves for anybody.
 */
export abstract class TeamDirectory {
  /** Whom the caller approves for (empty for someone who manages no group, or is unknown or blocked). */
  abstract teamOf(caller: Pick<Principal, 'issuer' | 'subject'>): Promise<Team>;

  /** The ids of the groups the caller belongs to, directly or through nesting (empty when unknown). */
  abstract groupsOf(caller: Pick<Principal, 'issuer' | 'subject'>): Promise<ReadonlySet<string>>;

  /** Who approves the caller's timesheets (those who signed in; never the caller). */
  abstract approversOf(caller: Pick<Principal, 'issuer' | 'subject'>): Promise<readonly TeamMember[]>;

  /** The names of the groups with these ids that exist (id to name). */
  abstract groupNames(ids: readonly string[]): Promise<ReadonlyMap<string, string>>;

  /** The people with these emails (matched case-insensitively), by lower-case email; `issuer` is whose subjects count. */
  abstract peopleByEmail(issuer: string, emails: readonly string[]): Promise<ReadonlyMap<string, PersonByEmail>>;
}

/** Nobody manages anybody, and nobody is in a group: for deployments and tests without the authorization module. */
export class NoTeamDirectory extends TeamDirectory {
  async teamOf(): Promise<Team> {
    return Team.EMPTY;
  }

  async groupsOf(): Promise<ReadonlySet<string>> {
    return new Set();
  }

  async approversOf(): Promise<readonly TeamMember[]> {
    return [];
  }

  async groupNames(): Promise<ReadonlyMap<string, string>> {
    return new Map();
  }

  async peopleByEmail(): Promise<ReadonlyMap<string, PersonByEmail>> {
    return new Map();
  }
}
