import { Inject, Injectable } from '@nestjs/common';
import {
  DETAIL_EXPORT_COLUMNS,
  DIMENSION_HEADERS,
  type HoursReport,
  type PersonRef,
  REPORT_DEFAULT_STATUSES,
  type ReportDimension,
  type ReportKey,
  ReportLimits,
  ReportMessages as M,
  type ReportOptionsDto,
  periodDays,
} from '@timesheets/contracts';
import { FieldErrorsException, type Principal } from '@timesheets/api-core';
import type { Readable } from 'node:stream';
import type { HoursExportQueryDto, HoursReportQueryDto } from './dto/report-query.dto';
import { csvStream } from './export/csv-export';
import { ExportSlots } from './export/export-slots';
import type { Cell, ExportColumn, ExportTable } from './export/export-table';
import { xlsxStream } from './export/xlsx-export';
import { assertWithinReach, type Reach, ReachResolver } from './reach/reach';
import type { ReportCriteria } from './report.sql';
import { type AggregateRow, ReportsRepository } from './reports.repository';
import { REPORTS_OPTIONS, type ReportsOptions } from './reports.options';

/** A download: its file name, media type and body. */
export interface ExportFile {
  filename: string;
  contentType: string;
  body: Readable;
}

const key = (dimension: ReportDimension, r: AggregateRow, i: number): ReportKey => ({
  dimension,
  id: r.keys[i],
  label: r.labels[i],
});

/**
 * Reports and exports: validates the period against the configured maximum, resolves the caller's reach (refusing
 * filters outside it), and shapes what the database computed. No SQL here, and no sums: the repository's queries
 * compute rows, subtotals and totals.
 */
@Injectable()
export class ReportsService {
  private readonly slots: ExportSlots;

  constructor(
    private readonly repo: ReportsRepository,
    private readonly reachOf: ReachResolver,
    @Inject(REPORTS_OPTIONS) private readonly config: ReportsOptions,
  ) {
    this.slots = new ExportSlots(config.maxConcurrentExports);
  }

  async hours(principal: Principal, q: HoursReportQueryDto): Promise<HoursReport> {
    const { reach, criteria, groupBy } = await this.prepare(principal, q);
    const rows = await this.repo.aggregate(
      groupBy,
      criteria,
      reach,
      Math.max(1, groupBy.length) * ReportLimits.rowsMax + 2,
    );
    const finest = rows.filter((r) => r.level === groupBy.length);
    if (groupBy.length > 0 && finest.length > ReportLimits.rowsMax)
      throw FieldErrorsException.of('groupBy', M.tooManyRows(ReportLimits.rowsMax));
    const totals = rows.find((r) => r.level === 0) ?? { hours: 0, entries: 0 };
    return {
      from: criteria.from,
      to: criteria.to,
      groupBy,
      status: [...criteria.status],
      rows:
        groupBy.length === 0
          ? []
          : finest.map((r) => ({
              keys: groupBy.map((d, i) => key(d, r, i)),
              hours: r.hours,
              entries: r.entries,
            })),
      subtotals: rows
        .filter((r) => r.level > 0 && r.level < groupBy.length)
        .map((r) => ({
          level: r.level,
          keys: groupBy.slice(0, r.level).map((d, i) => key(d, r, i)),
          hours: r.hours,
          entries: r.entries,
        })),
      totals: { hours: totals.hours, entries: totals.entries },
    };
  }

  async export(principal: Principal, q: HoursExportQueryDto): Promise<ExportFile> {
    const { reach, criteria, groupBy } = await this.prepare(principal, q);
    const kind = q.kind ?? 'detail';
    if (kind === 'aggregate' && groupBy.length === 0) throw FieldErrorsException.of('groupBy', M.groupByAggregate);
    const release = this.slots.take();
    const table = kind === 'detail' ? this.detailTable(criteria, reach) : this.aggregateTable(groupBy, criteria, reach);
    const filename = `hours-${criteria.from}-${criteria.to}-${kind}.${q.format}`;
    const csv = q.format === 'csv';
    return {
      filename,
      contentType: csv
        ? 'text/csv; charset=utf-8; header=present'
        : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      body: ExportSlots.releaseWith(
        csv ? csvStream(table, { bom: q.bom ?? false, decimal: q.decimal ?? 'point' }) : xlsxStream(table),
        release,
      ),
    };
  }

  async options(principal: Principal): Promise<ReportOptionsDto> {
    const reach = await this.reachOf.of(principal);
    const [people, groups, customers, projects] = await Promise.all([
      this.repo.people(reach.issuer, reach.kind === 'everybody' ? undefined : this.peopleIn(reach)),
      reach.kind === 'everybody'
        ? this.repo.groups()
        : reach.kind === 'team'
          ? this.repo.groups(reach.groupIds)
          : Promise.resolve([]),
      this.repo.customers(),
      this.repo.projects(),
    ]);
    const refs: PersonRef[] = people.map((p) => ({ ...p }));
    if (!refs.some((p) => p.ownerId === principal.subject))
      refs.push({
        userId: principal.subject,
        ownerId: principal.subject,
        name: principal.name,
        email: principal.email,
      });
    return {
      reach: reach.kind === 'everybody' ? 'everybody' : reach.kind,
      people: refs,
      groups,
      customers,
      projects,
      maxPeriodDays: this.config.maxPeriodDays,
    };
  }

  private peopleIn(reach: Reach): readonly string[] {
    return reach.kind === 'team' ? reach.ownerIds : [reach.self];
  }

  /** The validated criteria and the caller's reach; 400 for a period too long, 403 for filters outside the reach. */
  private async prepare(
    principal: Principal,
    q: HoursReportQueryDto,
  ): Promise<{ reach: Reach; criteria: ReportCriteria; groupBy: ReportDimension[] }> {
    if (q.from > q.to) throw FieldErrorsException.of('from', M.fromAfterTo);
    if (periodDays(q.from, q.to) > this.config.maxPeriodDays)
      throw FieldErrorsException.of('to', M.period(this.config.maxPeriodDays));
    const groupBy = q.groupBy ?? [];
    if (new Set(groupBy).size !== groupBy.length) throw FieldErrorsException.of('groupBy', M.groupBy);
    const reach = await this.reachOf.of(principal);
    assertWithinReach(reach, { person: q.person, group: q.group });
    const status = q.status ? [...new Set(q.status)] : [...REPORT_DEFAULT_STATUSES];
    return {
      reach,
      groupBy,
      criteria: {
        from: q.from,
        to: q.to,
        person: q.person,
        group: q.group,
        customer: q.customer,
        project: q.project,
        billable: q.billable,
        status,
      },
    };
  }

  private detailTable(criteria: ReportCriteria, reach: Reach): ExportTable {
    const types: ExportColumn['type'][] = [
      'date',
      'text',
      'text',
      'text',
      'text',
      'text',
      'text',
      'boolean',
      'text',
      'number',
      'text',
    ];
    const widths = [12, 10, 24, 28, 24, 14, 28, 9, 10, 8, 40];
    const repo = this.repo;
    return {
      title: 'Hours',
      columns: DETAIL_EXPORT_COLUMNS.map((header, i) => ({ header, type: types[i], width: widths[i] })),
      rows: (async function* () {
        // The cursor's rows are fresh arrays: typed in place (no second array per row of a million).
        for await (const batch of repo.streamDetail(criteria, reach)) {
          for (const r of batch as Cell[][]) {
            r[7] = Boolean(r[7]);
            r[9] = Number(r[9]);
          }
          yield batch as Cell[][];
        }
      })(),
      totals: async () => {
        const t = await repo.totals(criteria, reach);
        return ['Total', null, null, null, null, null, null, null, null, t.hours, null];
      },
    };
  }

  private aggregateTable(groupBy: ReportDimension[], criteria: ReportCriteria, reach: Reach): ExportTable {
    const typeOf = (d: ReportDimension): ExportColumn['type'] =>
      d === 'day' ? 'date' : d === 'billable' ? 'boolean' : 'text';
    const cell = (d: ReportDimension, r: AggregateRow, i: number): Cell =>
      d === 'billable' ? r.keys[i] === 'true' : (r.labels[i] ?? r.keys[i]);
    const repo = this.repo;
    return {
      title: 'Hours',
      columns: [
        ...groupBy.map((d) => ({ header: DIMENSION_HEADERS[d], type: typeOf(d), width: d === 'day' ? 12 : 28 })),
        { header: 'Hours', type: 'number' as const, width: 10 },
        { header: 'Entries', type: 'integer' as const, width: 10 },
      ],
      rows: (async function* () {
        for await (const batch of repo.streamAggregate(groupBy, criteria, reach))
          yield batch.map((r) => [...groupBy.map((d, i) => cell(d, r, i)), r.hours, r.entries]);
      })(),
      totals: async () => {
        const t = await repo.totals(criteria, reach);
        return ['Total', ...groupBy.slice(1).map(() => null), t.hours, t.entries];
      },
    };
  }
}
