import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { dataSourceOptions, guardSqliteTransactions, parseDatabaseUrl } from '@timesheets/server-core';
import { AuthModule } from '@timesheets/api-auth';
import { TIMESHEETS_ENTITIES, TIMESHEETS_MIGRATIONS, TimesheetsModule } from '@timesheets/api-timesheets';
import { AUTHZ_ENTITIES, AUTHZ_MIGRATIONS, AuthzModule, AuthzScopesResolver } from '@timesheets/api-authz';
import { REPORTS_MIGRATIONS, ReportsModule } from '@timesheets/api-reports';
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
      // AuditRecorder comes from AuthzModule (global, database-backed).
      providers: [{ provide: API_CONFIG, useValue: config }, ApiMetrics, Lifecycle],
      exports: [API_CONFIG, ApiMetrics, Lifecycle],
    };
  }
}

/** The whole Timesheets API, configured by an ApiConfig (see loadApiConfig). */
@Module({})
export class ApiModule {
  static forRoot(config: ApiConfig): DynamicModule {
    const authz = AuthzModule.forRoot({
      policyKey: config.policyKey,
      demoUsers: config.demoUsers,
      demoData: config.demoData,
      bootstrapAdmins: config.bootstrapAdmins,
      trustTokenScopes: config.trustTokenScopes,
      clientSecretOverlapSeconds: config.clientSecretOverlapSeconds,
    });
    return {
      module: ApiModule,
      imports: [
        ApiCoreModule.forRoot(config),
        TypeOrmModule.forRootAsync({
          useFactory: () =>
            dataSourceOptions(parseDatabaseUrl(config.databaseUrl), {
              entities: [...TIMESHEETS_ENTITIES, ...AUTHZ_ENTITIES],
              migrations: [...TIMESHEETS_MIGRATIONS, ...AUTHZ_MIGRATIONS, ...REPORTS_MIGRATIONS],
            }),
          // On SQLite one connection serves every request: transactions must not take in other requests' statements.
          dataSourceFactory: async (options) => {
            if (!options) throw new Error('no data source options');
            return guardSqliteTransactions(await new DataSource(options).initialize());
          },
        }),
        authz,
        // Scopes of a request: token ∩ the caller's current permissions (a person's token scopes alone when the
        // deployment trusts them; a machine client's registration applies either way).
        AuthModule.forRoot({ options: config.auth, imports: [authz], scopesResolver: AuthzScopesResolver }),
        TimesheetsModule.forRoot({
          maxWeeksAhead: config.maxWeeksAhead,
          importKeyRetentionDays: config.importKeyRetentionDays,
          demo: config.demoData,
        }),
        ReportsModule.forRoot(config.reports),
      ],
      controllers: [OpsController],
    };
  }
}
