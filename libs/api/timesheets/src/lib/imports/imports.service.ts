import { ConflictException, ForbiddenException, Inject, Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import {
  type FieldError,
  ImportLimits,
  ImportMessages as IM,
  type ImportTimesheetsResponse,
  isoWeekOf,
  TimesheetRuleMessages as R,
  TimesheetStatus,
} from '@timesheets/contracts';
import {
  FieldConflictException,
  FieldErrorsException,
  MachineClientDirectory,
  type PersonByEmail,
  type Principal,
  TeamDirectory,
} from '@timesheets/api-core';
import type { ImportedEntryDto, ImportTimesheetsDto } from '../dto/import.dto';
import { EntryChanges } from '../entries/entry-changes';
import { EntryRepository } from '../entries/entry.repository';
import { EntryRules } from '../entries/entry-rules';
import type { EntryRow } from '../entries/entry.table';
import { ProjectsRepository } from '../projects/projects.repository';
import { TIMESHEETS_OPTIONS, type TimesheetsOptions } from '../timesheets.options';
import { ImportRequestsRepository } from './import-requests.repository';

const at = (i: number) => `entries[${i}].`;

/** The import's body as compared for an Idempotency-Key: the validated rows, fields in one order. */
export function importBodyHash(dto: ImportTimesheetsDto): string {
  const canonical = dto.entries.map((e) => [e.email, e.date, e.projectCode, e.hours, e.notes ?? null]);
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

/**
 * A machine client's upload of entries for any people: every row checked with the rules of an entry (EntryRules, the
 * same as a person's own booking), all written in one change (EntryChanges) or none, each refusal naming its row and
 * field. Entries are drafts or pending by the client's setting, never approved. With an Idempotency-Key, the answer
 * is kept with a hash of the body in the same transaction: a retry gets it again, another body with that key is 409.
 * Keys are kept for `importKeyRetentionDays`: each import deletes the older ones (every client's), and an expired key
 * is as good as new.
 */
@Injectable()
export class ImportsService {
  constructor(
    private readonly entries: EntryRepository,
    private readonly projects: ProjectsRepository,
    private readonly changes: EntryChanges,
    private readonly rules: EntryRules,
    private readonly team: TeamDirectory,
    private readonly clients: MachineClientDirectory,
    private readonly requests: ImportRequestsRepository,
    @Inject(TIMESHEETS_OPTIONS) private readonly options: TimesheetsOptions,
  ) {}

  /** The oldest instant a kept Idempotency-Key still counts from. */
  private keptSince(): string {
    const days = this.options.importKeyRetentionDays ?? ImportLimits.idempotencyRetentionDaysDefault;
    return new Date(Date.parse(this.rules.now()) - days * 86_400_000).toISOString();
  }

  async importTimesheets(
    actor: Principal,
    dto: ImportTimesheetsDto,
    idempotencyKey: string | null,
  ): Promise<ImportTimesheetsResponse> {
    const client = await this.clients.settingsOf(actor);
    if (!client) throw new ForbiddenException('Only a registered machine client imports timesheets');
    const clientId = actor.clientId ?? actor.subject;
    const hash = importBodyHash(dto);
    const keptSince = this.keptSince();
    if (idempotencyKey !== null) {
      const first = await this.replay(clientId, idempotencyKey, hash, keptSince);
      if (first) return first;
    }
    const rows = dto.entries;
    this.rules.checkNotTooLate(rows.map((r, i) => ({ at: at(i), date: r.date })));
    const { people, projectIds } = await this.resolve(actor, rows);
    const owners = [...new Set(people.map((p) => p.ownerId as string))];
    try {
      return await this.changes.asImporter(actor, owners, async ({ m, lockedThrough, audit }) => {
        const locked = rows.flatMap((r, i) =>
          lockedThrough !== null && r.date <= lockedThrough
            ? [{ field: `${at(i)}date`, message: R.locked(lockedThrough) }]
            : [],
        );
        if (locked.length > 0) throw new FieldConflictException(locked);
        try {
          await this.rules.bookableBy(
            rows.map((_, i) => ({
              at: at(i),
              projectId: projectIds[i],
              person: { issuer: actor.issuer, subject: people[i].ownerId as string },
            })),
            m,
          );
        } catch (e) {
          // The rules name a project by id; an import names it by code.
          if (e instanceof FieldErrorsException)
            throw new FieldErrorsException(
              e.errors.map((f) => ({ ...f, field: f.field.replace(/projectId$/, 'projectCode') })),
            );
          throw e;
        }
        await this.checkDailyTotals(rows, people, m);
        const now = this.rules.now();
        const status = client.importStatus === 'pending' ? TimesheetStatus.Pending : TimesheetStatus.Draft;
        const created: EntryRow[] = rows.map((r, i) => ({
          id: randomUUID(),
          ownerId: people[i].ownerId as string,
          ownerName: people[i].name ?? people[i].email,
          date: r.date,
          week: isoWeekOf(r.date),
          projectId: projectIds[i],
          hours: r.hours,
          notes: r.notes ?? null,
          status,
          decidedBy: null,
          decidedAt: null,
          rejectionReason: null,
          createdAt: now,
          updatedAt: now,
          version: 1,
        }));
        await this.entries.insert(created, m);
        const response: ImportTimesheetsResponse = {
          importId: randomUUID(),
          status: client.importStatus,
          imported: created.length,
          entries: created.map((e, i) => ({
            row: i,
            id: e.id,
            email: people[i].email,
            date: e.date,
            projectCode: rows[i].projectCode,
            hours: e.hours,
          })),
        };
        const dates = rows.map((r) => r.date).sort();
        audit({
          action: 'timesheet.import',
          targetType: 'import',
          targetId: response.importId,
          after: {
            client: client.name,
            status: client.importStatus,
            imported: created.length,
            people: owners.length,
            from: dates[0],
            to: dates[dates.length - 1],
            idempotencyKey,
            entryIds: created.map((e) => e.id),
          },
        });
        // Expired keys go (this one's too, so that it can be kept again).
        await this.requests.purgeBefore(keptSince, m);
        if (idempotencyKey !== null)
          await this.requests.insert(
            { clientId, idempotencyKey, bodyHash: hash, response: JSON.stringify(response), createdAt: now },
            m,
          );
        return response;
      });
    } catch (e) {
      // The same key sent twice at once: the second insert of the key failed and rolled back its import.
      if (idempotencyKey !== null && !(e instanceof FieldErrorsException) && !(e instanceof ConflictException)) {
        const first = await this.replay(clientId, idempotencyKey, hash, keptSince);
        if (first) return first;
      }
      throw e;
    }
  }

  /** The answer kept for this key, when the body is the same; 409 when it is another. */
  private async replay(
    clientId: string,
    key: string,
    hash: string,
    keptSince: string,
  ): Promise<ImportTimesheetsResponse | null> {
    const kept = await this.requests.find(clientId, key, keptSince);
    if (!kept) return null;
    if (kept.bodyHash !== hash) throw new ConflictException(IM.idempotencyConflict);
    return JSON.parse(kept.response) as ImportTimesheetsResponse;
  }

  /** Each row's person (known, signed in, not blocked) and project id (the code exists); 400 naming every bad row. */
  private async resolve(
    actor: Principal,
    rows: readonly ImportedEntryDto[],
  ): Promise<{ people: PersonByEmail[]; projectIds: string[] }> {
    const byEmail = await this.team.peopleByEmail(
      actor.issuer,
      rows.map((r) => r.email),
    );
    const byCode = new Map(
      (await this.projects.projectsByCodes(rows.map((r) => r.projectCode))).map((p) => [p.row.code, p.row.id]),
    );
    const errors: FieldError[] = [];
    const people: PersonByEmail[] = [];
    const projectIds: string[] = [];
    rows.forEach((r, i) => {
      const person = byEmail.get(r.email);
      if (!person || person.ownerId === null)
        errors.push({ field: `${at(i)}email`, message: IM.unknownPerson(r.email) });
      else if (person.blocked) errors.push({ field: `${at(i)}email`, message: IM.blockedPerson(r.email) });
      else people[i] = person;
      const projectId = byCode.get(r.projectCode);
      if (projectId === undefined)
        errors.push({ field: `${at(i)}projectCode`, message: IM.unknownProject(r.projectCode) });
      else projectIds[i] = projectId;
    });
    if (errors.length > 0) throw new FieldErrorsException(errors);
    return { people, projectIds };
  }

  /** Each person's day: what they booked already plus the rows, at most the daily maximum; 400 naming the last row. */
  private async checkDailyTotals(
    rows: readonly ImportedEntryDto[],
    people: readonly PersonByEmail[],
    m: Parameters<EntryRepository['insert']>[1],
  ): Promise<void> {
    const dates = rows.map((r) => r.date).sort();
    const owners = [...new Set(people.map((p) => p.ownerId as string))];
    const booked = await this.entries.hoursByDay(owners, dates[0], dates[dates.length - 1], m);
    const byOwner = new Map<string, Map<string, { hours: number; field: string }>>();
    rows.forEach((r, i) => {
      const owner = people[i].ownerId as string;
      const days = byOwner.get(owner) ?? new Map<string, { hours: number; field: string }>();
      byOwner.set(owner, days);
      const day = days.get(r.date) ?? { hours: booked.get(`${owner}\n${r.date}`) ?? 0, field: '' };
      days.set(r.date, { hours: day.hours + r.hours, field: `${at(i)}hours` });
    });
    const errors: FieldError[] = [];
    for (const days of byOwner.values()) {
      try {
        this.rules.checkDailyTotals(days);
      } catch (e) {
        if (!(e instanceof FieldErrorsException)) throw e;
        errors.push(...e.errors);
      }
    }
    if (errors.length > 0) throw new FieldErrorsException(errors.sort((a, b) => rowOf(a) - rowOf(b)));
  }
}

function rowOf(e: FieldError): number {
  return Number(/\[(\d+)\]/.exec(e.field)?.[1] ?? 0);
}
