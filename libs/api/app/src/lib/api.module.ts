import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions, parseDatabaseUrl } from '@timesheets/server-core';
import { AuditRecorder, NoopAuditRecorder } from '@timesheets/api-core';
import { AuthModule } from '@timesheets/api-auth';
import { TIMESHEETS_ENTITIES, TIMESHEETS_MIGRATIONS, TimesheetsModule } from '@timesheets/api-timesheets';
import type { ApiConfig } from './api-config';
import { HealthController } from './health.controller';

export const API_CONFIG = Symbol('API_CONFIG');

@Global()
@Module({})
class ApiCoreModule {
  static forRoot(config: ApiConfig): DynamicModule {
    return {
      module: ApiCoreModule,
      providers: [
        { provide: API_CONFIG, useValue: config },
        { provide: AuditRecorder, useClass: NoopAuditRecorder },
      ],
      exports: [API_CONFIG, AuditRecorder],
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
      controllers: [HealthController],
    };
  }
}
