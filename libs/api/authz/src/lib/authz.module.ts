import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountEvents, AuditRecorder, MachineClientDirectory, TeamDirectory } from '@timesheets/api-core';
import { AUTHZ_OPTIONS, type AuthzOptions } from './authz.options';
import { AuditController } from './controllers/audit.controller';
import { ClientPolicyController } from './controllers/client-policy.controller';
import { ConfigurationController } from './controllers/configuration.controller';
import { GroupsController } from './controllers/groups.controller';
import { MachineClientsController } from './controllers/machine-clients.controller';
import { MeController } from './controllers/me.controller';
import { PermissionsController } from './controllers/permissions.controller';
import { PolicyController } from './controllers/policy.controller';
import { RolesController } from './controllers/roles.controller';
import { UsersController } from './controllers/users.controller';
import {
  AuditEntryEntity,
  ClientSecretEntity,
  GroupEntity,
  MachineClientEntity,
  GroupManagerEntity,
  GroupRoleEntity,
  PermissionEntity,
  RoleEntity,
  RolePermissionEntity,
  UserEntity,
  UserGroupEntity,
  UserRoleEntity,
} from './entities';
import { CreateAuthz1764100000000 } from './migrations/1764100000000-create-authz';
import { CreateAuthzState1764200000000 } from './migrations/1764200000000-create-authz-state';
import { SeedProjectScopes1765100000000 } from './migrations/1765100000000-seed-project-scopes';
import { CreateGroupManagers1765200000000 } from './migrations/1765200000000-create-group-managers';
import { CreateMachineClients1765500000000 } from './migrations/1765500000000-create-machine-clients';
import { SeedReportScopes1766000000000 } from './migrations/1766000000000-seed-report-scopes';
import { PolicyKeyGuard } from './policy-key.guard';
import { AuditLogService } from './services/audit-log.service';
import { AuthzBootstrap } from './services/authz-bootstrap';
import { AuthzChanges } from './services/authz-changes';
import { AuthzScopesResolver } from './services/authz-scopes.resolver';
import { AuthzMachineClientDirectory } from './services/authz-machine-clients.directory';
import { AuthzTeamDirectory } from './services/authz-team.directory';
import { AuthzCache } from './services/authz.cache';
import { AuthzStore } from './services/authz.store';
import { ConfigurationService } from './services/configuration.service';
import { DbAuditRecorder } from './services/db-audit.recorder';
import { GroupsService } from './services/groups.service';
import { PermissionsService } from './services/permissions.service';
import { MachineClientStore } from './services/machine-client.store';
import { MachineClientsService } from './services/machine-clients.service';
import { PolicyService } from './services/policy.service';
import { RolesService } from './services/roles.service';
import { UsersService } from './services/users.service';

export const AUTHZ_ENTITIES = [
  PermissionEntity,
  RoleEntity,
  RolePermissionEntity,
  GroupEntity,
  GroupRoleEntity,
  GroupManagerEntity,
  UserEntity,
  UserRoleEntity,
  UserGroupEntity,
  AuditEntryEntity,
  MachineClientEntity,
  ClientSecretEntity,
];
export const AUTHZ_MIGRATIONS = [
  CreateAuthz1764100000000,
  CreateAuthzState1764200000000,
  SeedProjectScopes1765100000000,
  CreateGroupManagers1765200000000,
  CreateMachineClients1765500000000,
  SeedReportScopes1766000000000,
];

/**
 * The authorization service: admin endpoints, the policy endpoint, `GET /me`, the database-backed AuditRecorder
 * (global, so every feature's transactions can record) and AuthzScopesResolver for AuthModule.
 */
@Global()
@Module({})
export class AuthzModule {
  static forRoot(options: AuthzOptions): DynamicModule {
    return {
      module: AuthzModule,
      imports: [TypeOrmModule.forFeature(AUTHZ_ENTITIES)],
      controllers: [
        UsersController,
        RolesController,
        PermissionsController,
        GroupsController,
        AuditController,
        ConfigurationController,
        PolicyController,
        MeController,
        MachineClientsController,
        ClientPolicyController,
      ],
      providers: [
        { provide: AUTHZ_OPTIONS, useValue: options },
        AuthzStore,
        AuthzCache,
        AuthzChanges,
        DbAuditRecorder,
        { provide: AuditRecorder, useExisting: DbAuditRecorder },
        AuthzScopesResolver,
        AuthzTeamDirectory,
        { provide: TeamDirectory, useExisting: AuthzTeamDirectory },
        { provide: MachineClientDirectory, useClass: AuthzMachineClientDirectory },
        AccountEvents,
        PolicyKeyGuard,
        PermissionsService,
        RolesService,
        GroupsService,
        UsersService,
        AuditLogService,
        ConfigurationService,
        PolicyService,
        AuthzBootstrap,
        MachineClientStore,
        MachineClientsService,
      ],
      exports: [AuditRecorder, TeamDirectory, MachineClientDirectory, AccountEvents, AuthzScopesResolver, AuthzCache],
    };
  }
}
