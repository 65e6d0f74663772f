import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type ConfigurationExport, Scopes } from '@timesheets/contracts';
import { CurrentPrincipal, RequireScopes } from '@timesheets/api-auth';
import type { Principal } from '@timesheets/api-core';
import { ConfigurationImportDto } from '../dto/configuration.dto';
import { ConfigurationService } from '../services/configuration.service';

@ApiTags('admin: configuration')
@Controller('admin')
export class ConfigurationController {
  constructor(private readonly configuration: ConfigurationService) {}

  @Get('export')
  @RequireScopes(Scopes.ReadRoles, Scopes.ReadGroups, Scopes.ReadPermissions, Scopes.ReadUsers)
  export(): Promise<ConfigurationExport> {
    return this.configuration.export();
  }

  @Post('import')
  @HttpCode(200)
  @RequireScopes(Scopes.UpdateRoles, Scopes.UpdateGroups, Scopes.UpdatePermissions, Scopes.UpdateUsers)
  import(@CurrentPrincipal() actor: Principal, @Body() file: ConfigurationImportDto): Promise<ConfigurationExport> {
    return this.configuration.import(actor, file);
  }
}
