import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { addWeeks, DEMO_TEAM, isoWeekOf, TimesheetStatus as S, weekDays } from '@timesheets/contracts';
import { AccountEvents, type FirstSignIn, TeamDirectory } from '@timesheets/api-core';
import { EntryRepository } from '../entries/entry.repository';
import { type EntryRow, newEntryFields } from '../entries/entry.table';
import { ProjectsRepository } from '../projects/projects.repository';
import type { ProjectRow } from '../projects/project.tables';
import { TIMESHEETS_OPTIONS, type TimesheetsOptions } from '../timesheets.options';

const CUSTOMERS = ['Northwind Traders', 'Contoso Ltd'];
const PROJECTS: { code: string; name: string; customer: string | null; billable: boolean; archived?: boolean }[] = [
  { code: 'NW-WEB', name: 'Northwind web shop', customer: 'Northwind Traders', billable: true },
  { code: 'NW-APP', name: 'Northwind mobile app', customer: 'Northwind Traders', billable: true },
  { code: 'CONTOSO-ERP', name: 'Contoso ERP rollout', customer: 'Contoso Ltd', billable: true },
  { code: 'INTERNAL', name: 'Internal meetings', customer: null, billable: false },
  { code: 'TRAINING', name: 'Training and conferences', customer: null, billable: false },
  { code: 'LEGACY', name: 'Legacy support (closed)', customer: 'Contoso Ltd', billable: true, archived: true },
];
/** A working day, Monday to Friday: 8 hours over three projects. */
const DAY: [string, number][][] = [
  [
    ['NW-WEB', 5],
    ['CONTOSO-ERP', 2],
    ['INTERNAL', 1],
  ],
  [
    ['NW-WEB', 5],
    ['NW-APP', 2],
    ['INTERNAL', 1],
  ],
  [
    ['NW-WEB', 4],
    ['CONTOSO-ERP', 3],
    ['INTERNAL', 1],
  ],
  [
    ['NW-APP', 6],
    ['NW-WEB', 1.5],
    ['INTERNAL', 0.5],
  ],
  [
    ['NW-WEB', 4],
    ['TRAINING', 3],
    ['INTERNAL', 1],
  ],
];
export const DEMO_REJECTION =
  'Thursday is booked on the mobile app, but that sprint was paused: please move it to the web shop.';

/**
 * A living demo (`npm start`, DEMO_DATA): customers and projects at start, and at Alice's first sign-in (when her
 * token subject becomes known) five weeks of her time relative to today: this week's drafts, last week pending, the
 * two weeks before approved and the one before those rejected with a reason, decided by Bob, her team's manager, as
 * soon as he is known too. Written through the repositories, once: nothing is added if Alice has entries already.
 */
@Injectable()
export class DemoTimesheets implements OnModuleInit, OnApplicationBootstrap {
  private readonly log = new Logger('DemoTimesheets');

  constructor(
    @Inject(TIMESHEETS_OPTIONS) private readonly options: TimesheetsOptions,
    @InjectDataSource() private readonly db: DataSource,
    private readonly projects: ProjectsRepository,
    private readonly entries: EntryRepository,
    private readonly team: TeamDirectory,
    @Optional() private readonly events?: AccountEvents,
  ) {}

  onModuleInit(): void {
    if (this.options.demo) this.events?.onFirstSignIn((e) => this.signedIn(e));
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.options.demo) return;
    const made = await this.db.transaction(async (m) => {
      if ((await this.projects.openProjects(m)).length > 0 || (await this.projects.customers(true, m)).length > 0)
        return false;
      const now = new Date().toISOString();
      const customerIds = new Map<string, string>();
      for (const name of CUSTOMERS) {
        const id = randomUUID();
        customerIds.set(name, id);
        await this.projects.insertCustomer(
          { id, name, nameKey: name.toLowerCase(), archived: false, createdAt: now, updatedAt: now },
          m,
        );
      }
      for (const p of PROJECTS) {
        const row: ProjectRow = {
          id: randomUUID(),
          code: p.code,
          name: p.name,
          customerId: p.customer ? (customerIds.get(p.customer) ?? null) : null,
          billable: p.billable,
          archived: p.archived ?? false,
          createdAt: now,
          updatedAt: now,
        };
        await this.projects.insertProject(row, [], m);
      }
      return true;
    });
    if (made) this.log.log(`Demo customers and projects: ${PROJECTS.map((p) => p.code).join(', ')}`);
  }

  private async signedIn(e: FirstSignIn): Promise<void> {
    if (e.email === DEMO_TEAM.member) {
      await this.seedWeeks(e);
      const approver = (await this.team.approversOf(e)).find((a) => a.email === DEMO_TEAM.manager);
      if (approver) await this.decide(e.subject, approver.ownerId);
    } else if (e.email === DEMO_TEAM.manager) {
      const member = (await this.team.teamOf(e)).members.find((p) => p.email === DEMO_TEAM.member);
      if (member) await this.decide(member.ownerId, e.subject);
    }
  }

  /** This week's drafts (Monday to today, at most Friday) and the four weeks before it, submitted. */
  private async seedWeeks(alice: FirstSignIn): Promise<void> {
    if ((await this.entries.pageOwn({ ownerId: alice.subject, after: null, limit: 1 })).length > 0) return;
    const codes = new Map((await this.projects.openProjects()).map((p) => [p.row.code, p.row.id]));
    const today = new Date().toISOString().slice(0, 10);
    const current = isoWeekOf(today);
    const rows: EntryRow[] = [];
    for (let back = 4; back >= 0; back--) {
      const week = addWeeks(current, -back);
      weekDays(week)
        .slice(0, 5)
        .forEach((date, day) => {
          if (date > today) return;
          for (const [code, hours] of DAY[day]) {
            const projectId = codes.get(code);
            if (!projectId) continue;
            const at = `${date}T17:00:00.000Z`;
            rows.push({
              id: randomUUID(),
              ownerId: alice.subject,
              ownerName: alice.name,
              ...newEntryFields({
                date,
                projectId,
                hours,
                notes: code === 'INTERNAL' ? 'Stand-up and planning' : null,
              }),
              week,
              status: back === 0 ? S.Draft : S.Pending,
              decidedBy: null,
              decidedAt: null,
              rejectionReason: null,
              createdAt: at,
              updatedAt: at,
              version: 1,
            });
          }
        });
    }
    await this.db.transaction((m) => this.entries.insert(rows, m));
    this.log.log(`Demo weeks for ${alice.email}: ${rows.length} entries`);
  }

  /** Alice's three oldest demo weeks, still pending: approved, approved, rejected with a reason, by Bob. */
  private async decide(aliceSubject: string, bobSubject: string): Promise<void> {
    const current = isoWeekOf(new Date().toISOString().slice(0, 10));
    const plan: [number, 'approved' | 'rejected'][] = [
      [-4, 'approved'],
      [-3, 'approved'],
      [-2, 'rejected'],
    ];
    await this.db.transaction(async (m) => {
      for (const [back, status] of plan) {
        const week = addWeeks(current, back);
        await this.entries.decideWeek(
          aliceSubject,
          week,
          {
            status,
            decidedBy: bobSubject,
            reason: status === 'rejected' ? DEMO_REJECTION : null,
            now: `${weekDays(addWeeks(week, 1))[0]}T09:00:00.000Z`,
          },
          m,
        );
      }
    });
  }
}
