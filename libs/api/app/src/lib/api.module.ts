import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions, parseDatabaseUrl } from '@timesheets/server-core';
import { AuditRecorder, NoopAuditRecorder } from '@timesheets/api-core';
import { AuthModule } from '@timesheets/api-auth';
import { TIMESHEETS_ENTITIES, TIMESHEETS_MIGRATIONS, TimesheetsModule } from '@timesheets/api-timesheets';
import type { ApiConfig } from './api-config';
import { API_CONFIG } from './api.tokens';
import { Lifecycle } from './lifecycle';
import { ApiMetrics } from './metrics';
import { OpsController } from './ops.controller';

export { API_CONFIG } from './api.tokens';

@Global()
@Module({})
class ApiCoreModule {
  static forRoot(config: ApiConfig): DynamicModule {
    return {
      module: ApiCoreModule,
      providers: [
        { provide: API_CONFIG, useValue: config },
        { provide: AuditRecorder, useClass: NoopAuditRecorder },
        ApiMetrics,
        Lifecycle,
      ],
      exports: [API_CONFIG, AuditRecorder, ApiMetrics, Lifecycle],
    };
  }
}

/** The whole Timesheets API, configured by an ApiConfig (see loadApiConfig). */
@Module({})
export class ApiModule {
  static forRoot(config: ApiConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ApiCoreModule.forRoot(config),
        TypeOrmModule.forRoot(
          dataSourceOptions(parseDatabaseUrl(config.databaseUrl), {
            entities: [...TIMESHEETS_ENTITIES],
            migrations: [...TIMESHEETS_MIGRATIONS],
          }),
        ),
        AuthModule.forRoot({ options: config.auth }),
        TimesheetsModule,
      ],
      controllers: [OpsController],
    };
  }
}
