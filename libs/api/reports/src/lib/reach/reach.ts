import { ForbiddenException, Injectable } from '@nestjs/common';
import { REPORT_READER_SCOPES, ReportMessages as M, Scopes } from '@timesheets/contracts';
import { type Principal, TeamDirectory } from '@timesheets/api-core';

/**
 * Whose time a caller may report on (the contracts' reports.ts): everybody with read:reports; themselves and the
 * people they approve for with approve:timesheets; themselves with read:timesheets. Every repository query takes a
 * Reach and applies it in its WHERE clause, so no query can leave it out.
 */
export type Reach =
  | { kind: 'everybody'; self: string; issuer: string }
  | {
      kind: 'team';
      self: string;
      issuer: string;
      /** The caller and the people they approve for (owner ids). */
      ownerIds: readonly string[];
      /** The groups they manage and every group below them. */
      groupIds: readonly string[];
    }
  | { kind: 'own'; self: string; issuer: string };

/** The filters a request names people or groups by. */
export interface ReachFilters {
  person?: readonly string[];
  group?: readonly string[];
}

/** The caller's reach, from the token's scopes and the approval lines (the TeamDirectory port). */
@Injectable()
export class ReachResolver {
  constructor(private readonly team: TeamDirectory) {}

  /** The caller's reach; 403 for a caller who may read no reports at all. */
  async of(principal: Principal): Promise<Reach> {
    if (!REPORT_READER_SCOPES.some((s) => principal.scopes.has(s))) throw new ForbiddenException(M.noReach);
    const base = { self: principal.subject, issuer: principal.issuer };
    if (principal.scopes.has(Scopes.ReadReports)) return { kind: 'everybody', ...base };
    if (principal.scopes.has(Scopes.ApproveTimesheets)) {
      const team = await this.team.teamOf(principal);
      return {
        kind: 'team',
        ...base,
        ownerIds: [principal.subject, ...team.members.map((m) => m.ownerId)],
        groupIds: team.groups.map((g) => g.id),
      };
    }
    return { kind: 'own', ...base };
  }
}

/**
 * Refuses (403) filters that name anybody or any group outside the reach: a report is never silently narrowed to
 * less than was asked for.
 */
export function assertWithinReach(reach: Reach, filters: ReachFilters): void {
  if (reach.kind === 'everybody') return;
  const people = reach.kind === 'team' ? new Set(reach.ownerIds) : new Set([reach.self]);
  if ((filters.person ?? []).some((p) => !people.has(p))) throw new ForbiddenException(M.outsideReach('person'));
  const groups = new Set(reach.kind === 'team' ? reach.groupIds : []);
  if ((filters.group ?? []).some((g) => !groups.has(g))) throw new ForbiddenException(M.outsideReach('group'));
}
