import { ConflictException, ForbiddenException, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditRecorder, type AuditEvent, type Principal } from '@timesheets/api-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataSourceOptions, guardSqliteTransactions } from '@timesheets/server-core';
import { TIMESHEETS_ENTITIES, TIMESHEETS_MIGRATIONS } from './timesheets.module';
import { TimesheetsService } from './timesheets.service';
import { EntryRepository } from './entries/entry.repository';

class MemoryAudit extends AuditRecorder {
  events: AuditEvent[] = [];
  async record(_actor: Principal | null, event: AuditEvent) {
    this.events.push(event);
  }
}

const who = (subject: string, scopes: string[]): Principal => {
  const set = new Set(scopes);
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
const alice = who('alice', ['read:timesheets', 'create:timesheets', 'delete:timesheets']);
const bob = who('bob', ['read:timesheets', 'approve:timesheets']);

describe('TimesheetsService', () => {
  let db: DataSource;
  let audit: MemoryAudit;
  let service: TimesheetsService;

  beforeEach(async () => {
    db = new DataSource(
      dataSourceOptions(
        { kind: 'sqlite-memory' },
        { entities: TIMESHEETS_ENTITIES, migrations: TIMESHEETS_MIGRATIONS },
      ),
    );
    await db.initialize();
    audit = new MemoryAudit();
    service = new TimesheetsService(db, new EntryRepository(db), audit);
  });
  afterEach(() => db.destroy());

  const entry = (p = alice, date = '2026-11-23') => service.create(p, { date, project: 'Apollo', hours: 8 });

  it('sets the owner from the principal and starts pending', async () => {
    const e = await entry();
    expect(e).toMatchObject({ ownerId: 'alice', ownerName: 'alice name', status: 'pending', decidedBy: null });
  });

  it("hides others' entries unless the caller may approve", async () => {
    const e = await entry();
    await expect(service.get(who('dave', ['read:timesheets']), e.id)).rejects.toBeInstanceOf(NotFoundException);
    await expect(service.get(bob, e.id)).resolves.toMatchObject({ id: e.id });
  });

  it('approves once, audits it, and locks the entry', async () => {
    const e = await entry();
    await expect(service.get(alice, e.id)).resolves.toMatchObject({ status: 'pending' });
    const approved = await service.approve(bob, e.id);
    expect(approved).toMatchObject({ status: 'approved', decidedBy: 'bob' });
    expect(audit.events).toEqual([expect.objectContaining({ action: 'timesheet.approve', targetId: e.id })]);
    await expect(service.approve(bob, e.id)).rejects.toBeInstanceOf(ConflictException);
    await expect(service.update(alice, e.id, { hours: 1 })).rejects.toBeInstanceOf(ConflictException);
    await expect(service.remove(alice, e.id)).rejects.toBeInstanceOf(ConflictException);
  });

  it('refuses self-approval', async () => {
    const e = await entry(who('bob', ['create:timesheets', 'approve:timesheets']));
    await expect(service.approve(bob, e.id)).rejects.toBeInstanceOf(ForbiddenException);
    await expect(service.reject(bob, e.id, 'no')).rejects.toBeInstanceOf(ForbiddenException);
    expect(audit.events).toEqual([]);
  });

  it('rolls back a delete when the audit cannot be written', async () => {
    const e = await entry();
    jest.spyOn(audit, 'record').mockRejectedValueOnce(new Error('audit down'));
    await expect(service.remove(alice, e.id)).rejects.toThrow('audit down');
    await expect(service.get(alice, e.id)).resolves.toMatchObject({ id: e.id });
  });

  it('pages with a keyset cursor', async () => {
    for (const d of ['2026-01-01', '2026-01-02', '2026-01-03']) await entry(alice, d);
    const first = (await service.listOwn(alice, { limit: 2 })).parse();
    expect(first.items.map((i) => i.date)).toEqual(['2026-01-03', '2026-01-02']);
    const second = (await service.listOwn(alice, { limit: 2, cursor: first.nextCursor ?? undefined })).parse();
    expect(second.items.map((i) => i.date)).toEqual(['2026-01-01']);
    expect(second.nextCursor).toBeNull();
  });
});

describe('TimesheetsService lists (JSON built by SQLite)', () => {
  let db: DataSource;
  let service: TimesheetsService;

  beforeEach(async () => {
    db = new DataSource(
      dataSourceOptions(
        { kind: 'sqlite-memory' },
        { entities: TIMESHEETS_ENTITIES, migrations: TIMESHEETS_MIGRATIONS },
      ),
    );
    await db.initialize();
    service = new TimesheetsService(db, new EntryRepository(db), new MemoryAudit());
  });
  afterEach(() => db.destroy());

  it('gives each item exactly what GET /timesheets/:id gives, field for field and in order', async () => {
    const tricky = 'quote " backslash \\ newline \n tab \t control \u0001 emoji 🕒 é';
    const created = await service.create(alice, { date: '2026-02-28', project: tricky, hours: 7.25, notes: null });
    const whole = await service.create(alice, { date: '2026-03-01', project: 'Whole', hours: 8, notes: tricky });
    const rejected = await service.create(alice, { date: '2026-03-02', project: 'R', hours: 0.01 });
    await service.reject(bob, rejected.id, 'Wrong project');
    const page = await service.listOwn(alice, { limit: 10 });
    const items = page.parse().items;
    const expected = [
      await service.get(alice, rejected.id),
      await service.get(alice, whole.id),
      await service.get(alice, created.id),
    ];
    expect(items).toEqual(expected);
    expect(items.map((i) => Object.keys(i))).toEqual(expected.map((e) => Object.keys(e)));
    expect(JSON.parse(page.text)).toEqual({ items: expected, nextCursor: null });
  });

  it('pages the approvals queue: pending first, then by date, never the caller', async () => {
    const a = await service.create(alice, { date: '2026-01-05', project: 'A', hours: 1 });
    const b = await service.create(alice, { date: '2026-01-01', project: 'B', hours: 1 });
    const c = await service.create(alice, { date: '2026-01-03', project: 'C', hours: 1 });
    await service.create(bob, { date: '2026-01-02', project: 'own', hours: 1 });
    await service.approve(bob, b.id);
    const first = (await service.listApprovals(bob, { limit: 2 })).parse();
    expect(first.items.map((i) => i.id)).toEqual([c.id, a.id]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = (await service.listApprovals(bob, { limit: 2, cursor: first.nextCursor ?? undefined })).parse();
    expect(second).toEqual({ items: [expect.objectContaining({ id: b.id, status: 'approved' })], nextCursor: null });
  });

  it('says there is no next page when the page is exactly full', async () => {
    for (const d of ['2026-01-01', '2026-01-02']) await service.create(alice, { date: d, project: 'P', hours: 1 });
    const page = (await service.listOwn(alice, { limit: 2 })).parse();
    expect(page.items).toHaveLength(2);
    expect(page.nextCursor).toBeNull();
    expect((await service.listOwn(bob, {})).parse()).toEqual({ items: [], nextCursor: null });
  });
});

describe('TimesheetsService on one SQLite connection, requests interleaved', () => {
  it("keeps an acknowledged entry when another request's transaction rolls back", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'timesheets-'));
    const db = guardSqliteTransactions(
      await new DataSource(
        dataSourceOptions(
          { kind: 'sqlite', path: join(dir, 'db.sqlite') },
          { entities: TIMESHEETS_ENTITIES, migrations: TIMESHEETS_MIGRATIONS },
        ),
      ).initialize(),
    );
    class SlowFailingAudit extends AuditRecorder {
      async record() {
        await new Promise((r) => setTimeout(r, 30));
        throw new Error('audit down');
      }
    }
    const service = new TimesheetsService(db, new EntryRepository(db), new SlowFailingAudit());
    try {
      const doomed = await service.create(alice, { date: '2026-01-01', project: 'P', hours: 1 });
      const removing = service.remove(alice, doomed.id).catch((e: Error) => e.message);
      await new Promise((r) => setTimeout(r, 5)); // the delete's transaction is open, waiting for the audit
      const kept = await service.create(bob, { date: '2026-01-02', project: 'Q', hours: 2 });
      expect(await removing).toBe('audit down');
      await expect(service.get(bob, kept.id)).resolves.toMatchObject({ id: kept.id });
      await expect(service.get(alice, doomed.id)).resolves.toMatchObject({ id: doomed.id });
      expect((await service.listOwn(bob, {})).parse().items.map((i) => i.id)).toEqual([kept.id]);
    } finally {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
