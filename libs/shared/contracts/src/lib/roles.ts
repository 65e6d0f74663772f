import { Scope, Scopes, ADMIN_SCOPES } from './scopes';

export const Roles = {
  Employee: 'employee',
  Manager: 'manager',
  Admin: 'admin',
  Payroll: 'payroll',
} as const;

export type RoleName = (typeof Roles)[keyof typeof Roles];

const EMPLOYEE: readonly Scope[] = [
  Scopes.ReadTimesheets,
  Scopes.CreateTimesheets,
  Scopes.DeleteTimesheets,
  Scopes.ReadProjects,
];

/** The roles seeded on first start, as the scenario's Authorization Extension configured them (plus admin). */
export const SEEDED_ROLES: Readonly<Record<RoleName, { description: string; permissions: readonly Scope[] }>> = {
  employee: {
    description: 'Records their own timesheets',
    permissions: EMPLOYEE,
  },
  manager: {
    description: 'Records their own timesheets and approves those of the people in the groups they manage',
    permissions: [...EMPLOYEE, Scopes.ApproveTimesheets],
  },
  admin: {
    description:
      'Administers users, roles, groups, permissions, customers, projects, the period lock and machine clients',
    permissions: [...ADMIN_SCOPES, Scopes.ReadReports],
  },
  payroll: {
    description: "Records their own timesheets and reports on and exports everybody's hours",
    permissions: [...EMPLOYEE, Scopes.ReadReports],
  },
};

/** Demo accounts of the embedded setup (their password comes from DEMO_PASSWORD). */
export const DEMO_ACCOUNTS: readonly {
  email: string;
  name: string;
  role: RoleName;
}[] = [
  { email: 'alice@exampleco.test', name: 'Alice Employee', role: 'employee' },
  { email: 'bob@exampleco.test', name: 'Bob Manager', role: 'manager' },
  { email: 'carol@exampleco.test', name: 'Carol Admin', role: 'admin' },
  { email: 'paula@exampleco.test', name: 'Paula Payroll', role: 'payroll' },
];

/** The demo's team (with demo data on): bob approves alice's timesheets. */
export const DEMO_TEAM = {
  name: 'Engineering',
  description: "The demo team: Bob approves Alice's timesheets",
  member: 'alice@exampleco.test',
  manager: 'bob@exampleco.test',
} as const;
