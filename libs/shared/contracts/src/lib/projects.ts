/** Customers and projects: what time is booked on. */

/** What an entry carries of its project. */
export interface ProjectRef {
  id: string;
  /** Short, unique (case-insensitively), upper case: `APOLLO`, `WEB-2`. */
  code: string;
  name: string;
}

export interface CustomerDto {
  id: string;
  name: string;
  archived: boolean;
}

export interface GroupRef {
  id: string;
  name: string;
}

/** A project as admins see it (`/admin/projects`). */
export interface ProjectDto extends ProjectRef {
  /** The customer the work is for; null for internal work (and projects made from free text by the upgrade). */
  customer: Pick<CustomerDto, 'id' | 'name'> | null;
  billable: boolean;
  archived: boolean;
  /** Groups whose members (directly or through nesting) may book on it; empty: everyone. */
  allowedGroups: GroupRef[];
  createdAt: string;
  updatedAt: string;
}

/** `GET /projects`: a project the caller may book on now (not archived, open to them), by code. */
export interface BookableProjectDto extends ProjectRef {
  customer: Pick<CustomerDto, 'id' | 'name'> | null;
  billable: boolean;
}

export interface CreateCustomerRequest {
  name: string;
}

/** Rename, archive (`archived: true`) or restore (`archived: false`). */
export interface UpdateCustomerRequest {
  name?: string;
  archived?: boolean;
}

export interface CreateProjectRequest {
  code: string;
  name: string;
  customerId?: string | null;
  billable?: boolean;
  /** Empty or absent: open to everyone. */
  allowedGroupIds?: string[];
}

/** Any subset; `archived: true` archives (no new bookings), `false` restores. */
export interface UpdateProjectRequest {
  code?: string;
  name?: string;
  customerId?: string | null;
  billable?: boolean;
  archived?: boolean;
  allowedGroupIds?: string[];
}

export interface ListProjectsQuery {
  /** Matches code or name, case-insensitively. */
  q?: string;
  customerId?: string;
  /** `false` (the default) lists open projects, `true` archived ones. */
  archived?: boolean;
  limit?: number;
  cursor?: string;
}

export interface ListCustomersQuery {
  /** `true` lists archived customers too. */
  includeArchived?: boolean;
}
