import { BadRequestException, ConflictException } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { TimesheetRuleMessages as R } from '@timesheets/contracts';
import {
  AuditRecorder,
  type AuditEvent,
  FieldErrorsException,
  NoTeamDirectory,
  type Principal,
} from '@timesheets/api-core';
import { dataSourceOptions, guardSqliteTransactions } from '@timesheets/server-core';
import { EntryChanges } from './entries/entry-changes';
import { EntryRepository } from './entries/entry.repository';
import { EntryRules } from './entries/entry-rules';
import { PeriodLockRepository } from './period-lock/period-lock.repository';
import { ProjectsRepository } from './projects/projects.repository';
import { TimesheetsService } from './timesheets.service';
import { TIMESHEETS_ENTITIES, TIMESHEETS_MIGRATIONS } from './timesheets.module';

class MemoryAudit extends AuditRecorder {
  events: AuditEvent[] = [];
  async record(_actor: Principal | null, event: AuditEvent) {
    this.events.push(event);
  }
}

const who = (subject: string): Principal => {
  const set = new Set(['read:timesheets', 'create:timesheets', 'delete:timesheets', 'read:projects']);
  return {
    kind: 'user',
    issuer: 'i',
    subject,
    clientId: null,
    email: null,
    name: `${subject} name`,
    tokenScopes: set,
    scopes: set,
    expiresAt: 0,
  };
};
const alice = who('alice');
const bob = who('bob');
const PROJECT = '00000000-0000-4000-8000-0000000000aa';

async function open(path?: string) {
  const db = guardSqliteTransactions(
    await new DataSource(
      dataSourceOptions(path ? { kind: 'sqlite', path } : { kind: 'sqlite-memory' }, {
        entities: TIMESHEETS_ENTITIES,
        migrations: TIMESHEETS_MIGRATIONS,
      }),
    ).initialize(),
  );
  await db.query(
    `INSERT INTO projects (id, code, name, customer_id, billable, archived, created_at, updated_at) ` +
      `VALUES ('${PROJECT}', 'APOLLO', 'Apollo', NULL, 1, 0, 'x', 'x')`,
  );
  return db;
}

function service(db: DataSource, audit: AuditRecorder, now = () => new Date('2026-12-09T12:00:00Z')) {
  const entries = new EntryRepository(db);
  const team = new NoTeamDirectory();
  const rules = new EntryRules({ maxWeeksAhead: 1, now }, new ProjectsRepository(db), team);
  const changes = new EntryChanges(db, entries, new PeriodLockRepository(db), audit);
  return new TimesheetsService(entries, changes, rules, team);
}

describe('TimesheetsService', () => {
  let db: DataSource;
  let audit: MemoryAudit;
  let timesheets: TimesheetsService;

  beforeEach(async () => {
    db = await open();
    audit = new MemoryAudit();
    timesheets = service(db, audit);
  });
  afterEach(() => db.destroy());

  it('creates drafts owned by the caller, audited in the same transaction', async () => {
    const e = await timesheets.create(alice, { date: '2026-12-07', projectId: PROJECT, hours: 8 });
    expect(e).toMatchObject({
      ownerId: 'alice',
      ownerName: 'alice name',
      status: 'draft',
      project: { code: 'APOLLO' },
    });
    expect(audit.events).toEqual([expect.objectContaining({ action: 'timesheet.create', targetId: e.id })]);
    expect((await timesheets.listOwn(alice, {})).parse().items).toEqual([e]);
  });

  it('books up to the end of next week by the clock (Wednesday 2026-12-09: through Sunday 2026-12-20)', async () => {
    await expect(timesheets.create(alice, { date: '2026-12-20', projectId: PROJECT, hours: 1 })).resolves.toBeDefined();
    const late = timesheets.create(alice, { date: '2026-12-21', projectId: PROJECT, hours: 1 });
    await expect(late).rejects.toBeInstanceOf(FieldErrorsException);
    await expect(late).rejects.toMatchObject({ errors: [{ field: 'date', message: R.dateTooLate('2026-12-20') }] });
  });

  it('adds up a day to exactly 24 hours without float noise, and refuses a hundredth more', async () => {
    for (let i = 0; i < 10; i++) await timesheets.create(alice, { date: '2026-11-02', projectId: PROJECT, hours: 2.4 });
    const more = timesheets.create(alice, { date: '2026-11-02', projectId: PROJECT, hours: 0.01 });
    await expect(more).rejects.toMatchObject({
      errors: [{ field: 'hours', message: R.dailyCap('2026-11-02', 24.01) }],
    });
  });

  it('deletes drafts only, and rolls the delete back when the audit cannot be written', async () => {
    const e = await timesheets.create(alice, { date: '2026-11-03', projectId: PROJECT, hours: 1 });
    jest.spyOn(audit, 'record').mockRejectedValueOnce(new Error('audit down'));
    await expect(timesheets.remove(alice, e.id)).rejects.toThrow('audit down');
    await expect(timesheets.get(alice, e.id)).resolves.toMatchObject({ id: e.id });
    await expect(timesheets.update(alice, e.id, {})).rejects.toBeInstanceOf(BadRequestException);
  });

  it('refuses everything on or before the period lock', async () => {
    const e = await timesheets.create(alice, { date: '2026-11-04', projectId: PROJECT, hours: 1 });
    await db.query(`UPDATE period_lock SET locked_through = '2026-11-04'`);
    await expect(timesheets.update(alice, e.id, { hours: 2 })).rejects.toBeInstanceOf(ConflictException);
    await expect(timesheets.remove(alice, e.id)).rejects.toBeInstanceOf(ConflictException);
    await expect(timesheets.create(alice, { date: '2026-11-04', projectId: PROJECT, hours: 1 })).rejects.toBeInstanceOf(
      ConflictException,
    );
    await expect(timesheets.create(alice, { date: '2026-11-05', projectId: PROJECT, hours: 1 })).resolves.toBeDefined();
  });

  it('without approval lines nobody decides anybody (404)', async () => {
    const e = await timesheets.create(alice, { date: '2026-11-06', projectId: PROJECT, hours: 1 });
    const approver = { ...bob, scopes: new Set(['approve:timesheets']) };
    await expect(timesheets.approve(approver, e.id)).rejects.toMatchObject({ status: 404 });
  });
});

describe('TimesheetsService on one SQLite connection, requests interleaved', () => {
  it("keeps an acknowledged entry when another request's transaction rolls back", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'timesheets-'));
    const db = await open(join(dir, 'db.sqlite'));
    class SlowFailingAudit extends AuditRecorder {
      failing = false;
      async record() {
        if (!this.failing) return;
        await new Promise((r) => setTimeout(r, 30));
        throw new Error('audit down');
      }
    }
    const audit = new SlowFailingAudit();
    const timesheets = service(db, audit);
    try {
      const doomed = await timesheets.create(alice, { date: '2026-11-01', projectId: PROJECT, hours: 1 });
      audit.failing = true;
      const removing = timesheets.remove(alice, doomed.id).catch((e: Error) => e.message);
      await new Promise((r) => setTimeout(r, 5)); // the delete's transaction is open, waiting for the audit
      audit.failing = false;
      const kept = await timesheets.create(bob, { date: '2026-11-02', projectId: PROJECT, hours: 2 });
      expect(await removing).toBe('audit down');
      await expect(timesheets.get(bob, kept.id)).resolves.toMatchObject({ id: kept.id });
      await expect(timesheets.get(alice, doomed.id)).resolves.toMatchObject({ id: doomed.id });
      expect((await timesheets.listOwn(bob, {})).parse().items.map((i) => i.id)).toEqual([kept.id]);
    } finally {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
