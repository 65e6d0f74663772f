import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type AuditEntryDto, type Page, Scopes } from '@timesheets/contracts';
import { RequireScopes } from '@timesheets/api-auth';
import { ListAuditQueryDto } from '../dto/audit.dto';
import { AuditLogService } from '../services/audit-log.service';

@ApiTags('admin: audit')
@Controller('admin/audit')
export class AuditController {
  constructor(private readonly audit: AuditLogService) {}

  @Get()
  @RequireScopes(Scopes.ReadAudit)
  list(@Query() query: ListAuditQueryDto): Promise<Page<AuditEntryDto>> {
    return this.audit.list(query);
  }
}
