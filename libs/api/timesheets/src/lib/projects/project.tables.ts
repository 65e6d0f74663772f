import { column, type RowOf, SqlTable } from '@timesheets/server-core';

/** Customers: who the work is for. `nameKey` is the trimmed, lower-case name (unique). */
export const CUSTOMERS = new SqlTable('customers', {
  id: column<string>('id', 'varchar', { length: 36, primary: true }),
  name: column<string>('name', 'varchar', { length: 100 }),
  nameKey: column<string>('name_key', 'varchar', { length: 100 }),
  archived: column<boolean>('archived', 'boolean', { default: false }),
  createdAt: column<string>('created_at', 'varchar', { length: 32 }),
  updatedAt: column<string>('updated_at', 'varchar', { length: 32 }),
});
export type CustomerRow = RowOf<typeof CUSTOMERS.columns>;
export const CustomerEntity = CUSTOMERS.entitySchema('Customer');

/** Projects: what time is booked on. `code` is stored upper case and unique. */
export const PROJECTS = new SqlTable('projects', {
  id: column<string>('id', 'varchar', { length: 36, primary: true }),
  code: column<string>('code', 'varchar', { length: 20 }),
  name: column<string>('name', 'varchar', { length: 100 }),
  customerId: column<string | null>('customer_id', 'varchar', { length: 36, nullable: true }),
  billable: column<boolean>('billable', 'boolean', { default: false }),
  archived: column<boolean>('archived', 'boolean', { default: false }),
  createdAt: column<string>('created_at', 'varchar', { length: 32 }),
  updatedAt: column<string>('updated_at', 'varchar', { length: 32 }),
});
export type ProjectRow = RowOf<typeof PROJECTS.columns>;
export const ProjectEntity = PROJECTS.entitySchema('Project');

/** The groups a project is limited to (none: open to everyone). */
export const PROJECT_GROUPS = new SqlTable('project_groups', {
  projectId: column<string>('project_id', 'varchar', { length: 36, primary: true }),
  groupId: column<string>('group_id', 'varchar', { length: 36, primary: true }),
});
export const ProjectGroupEntity = PROJECT_GROUPS.entitySchema('ProjectGroup');

/** The alias of projects in queries. */
export const P = 'p';
