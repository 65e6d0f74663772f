import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { type BookableProjectDto, type CustomerDto, type Page, type ProjectDto, Scopes } from '@timesheets/contracts';
import type { Principal } from '@timesheets/api-core';
import { CurrentPrincipal, RequireScopes } from '@timesheets/api-auth';
import {
  CreateCustomerDto,
  CreateProjectDto,
  ListCustomersQueryDto,
  ListProjectsQueryDto,
  UpdateCustomerDto,
  UpdateProjectDto,
} from '../dto/project.dto';
import {
  BookableProjectResponse,
  CustomerResponse,
  FieldErrorsResponse,
  ProjectPageResponse,
  ProjectResponse,
} from '../dto/responses';
import { ProjectsService } from './projects.service';

const uuid = new ParseUUIDPipe({ version: undefined, errorHttpStatusCode: 400 });

@ApiTags('projects')
@Controller('projects')
export class ProjectsController {
  constructor(private readonly projects: ProjectsService) {}

  @Get()
  @RequireScopes(Scopes.ReadProjects)
  @ApiOkResponse({ type: [BookableProjectResponse], description: 'The projects the caller may book on, by code' })
  bookable(@CurrentPrincipal() p: Principal): Promise<BookableProjectDto[]> {
    return this.projects.bookable(p);
  }
}

@ApiTags('admin: customers')
@Controller('admin/customers')
export class AdminCustomersController {
  constructor(private readonly projects: ProjectsService) {}

  @Get()
  @RequireScopes(Scopes.ManageProjects)
  @ApiOkResponse({ type: [CustomerResponse] })
  list(@Query() query: ListCustomersQueryDto): Promise<CustomerDto[]> {
    return this.projects.customers(query.includeArchived ?? false);
  }

  @Post()
  @RequireScopes(Scopes.ManageProjects)
  @ApiCreatedResponse({ type: CustomerResponse })
  @ApiBadRequestResponse({ type: FieldErrorsResponse })
  @ApiConflictResponse({ description: 'A customer with that name exists' })
  create(@CurrentPrincipal() actor: Principal, @Body() dto: CreateCustomerDto): Promise<CustomerDto> {
    return this.projects.createCustomer(actor, dto);
  }

  @Patch(':id')
  @RequireScopes(Scopes.ManageProjects)
  @ApiOkResponse({ type: CustomerResponse, description: 'Renamed, archived or restored' })
  @ApiNotFoundResponse({ description: 'No such customer' })
  @ApiConflictResponse({ description: 'A customer with that name exists' })
  update(
    @CurrentPrincipal() actor: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: UpdateCustomerDto,
  ): Promise<CustomerDto> {
    return this.projects.updateCustomer(actor, id, dto);
  }
}

@ApiTags('admin: projects')
@Controller('admin/projects')
export class AdminProjectsController {
  constructor(private readonly projects: ProjectsService) {}

  @Get()
  @RequireScopes(Scopes.ManageProjects)
  @ApiOkResponse({ type: ProjectPageResponse, description: 'By code' })
  list(@Query() query: ListProjectsQueryDto): Promise<Page<ProjectDto>> {
    return this.projects.list(query);
  }

  @Post()
  @RequireScopes(Scopes.ManageProjects)
  @ApiCreatedResponse({ type: ProjectResponse })
  @ApiBadRequestResponse({ type: FieldErrorsResponse })
  @ApiConflictResponse({ description: 'The code is taken' })
  create(@CurrentPrincipal() actor: Principal, @Body() dto: CreateProjectDto): Promise<ProjectDto> {
    return this.projects.createProject(actor, dto);
  }

  @Get(':id')
  @RequireScopes(Scopes.ManageProjects)
  @ApiOkResponse({ type: ProjectResponse })
  @ApiNotFoundResponse({ description: 'No such project' })
  get(@Param('id', uuid) id: string): Promise<ProjectDto> {
    return this.projects.get(id);
  }

  @Patch(':id')
  @RequireScopes(Scopes.ManageProjects)
  @ApiOkResponse({ type: ProjectResponse, description: 'Renamed, recoded, archived, restored, limited to groups' })
  @ApiBadRequestResponse({ type: FieldErrorsResponse })
  @ApiNotFoundResponse({ description: 'No such project' })
  @ApiConflictResponse({ description: 'The code is taken' })
  update(
    @CurrentPrincipal() actor: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: UpdateProjectDto,
  ): Promise<ProjectDto> {
    return this.projects.updateProject(actor, id, dto);
  }
}
