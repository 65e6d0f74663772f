import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type AuditEntryDto, instantRange, type ListAuditQuery, type Page } from '@timesheets/contracts';
import { decodeCursor, encodeCursor } from '@timesheets/api-core';
import { AuditEntryEntity } from '../entities';

const parse = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

function bound(value: string, field: string): { first: string; last: string } {
  const range = instantRange(value);
  if (range === null) throw new BadRequestException(`${field} must be a date or an RFC 3339 date-time`);
  return range;
}

@Injectable()
export class AuditLogService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Newest first; keyset on (at, id) descending, served by idx_audit_log_at (or a filter's index). */
  async list(query: ListAuditQuery): Promise<Page<AuditEntryDto>> {
    const limit = query.limit ?? 50;
    const qb = this.db.manager.createQueryBuilder(AuditEntryEntity, 'a');
    if (query.action) qb.andWhere('a.action = :action', { action: query.action });
    if (query.actorId) qb.andWhere('a.actor_id = :actorId', { actorId: query.actorId });
    if (query.targetType) qb.andWhere('a.target_type = :targetType', { targetType: query.targetType });
    if (query.targetId) qb.andWhere('a.target_id = :targetId', { targetId: query.targetId });
    // Stored times are ISO strings in UTC; the bounds written the same way compare correctly as text. A date bound
    // covers its whole UTC day. The DTO accepts only what instantRange reads; a caller that skipped it gets a 400.
    if (query.from) qb.andWhere('a.at >= :from', { from: bound(query.from, 'from').first });
    if (query.to) qb.andWhere('a.at <= :to', { to: bound(query.to, 'to').last });
    const after = decodeCursor(query.cursor, ['string', 'string'] as const);
    if (after) qb.andWhere('(a.at < :cat OR (a.at = :cat AND a.id < :cid))', { cat: after[0], cid: after[1] });
    qb.orderBy('a.at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .limit(limit + 1);
    const rows = await qb.getMany();
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map((a) => ({
        id: a.id,
        at: a.at,
        actorId: a.actorId,
        actorName: a.actorName,
        action: a.action,
        targetType: a.targetType,
        targetId: a.targetId,
        before: parse(a.before),
        after: parse(a.after),
      })),
      nextCursor: rows.length > limit && last ? encodeCursor([last.at, last.id]) : null,
    };
  }
}
