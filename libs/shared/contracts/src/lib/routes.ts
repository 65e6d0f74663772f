/**
 * The API's routes, relative to its base URL (`…/api`), for the SPA and the tests; scopes in brackets.
 *
 *   GET    /timesheets?from&to&status&limit&cursor   Page<TimesheetEntry>   own entries           [read:timesheets]
 *   GET    /timesheets/:id                            TimesheetEntry         own or one's people's [read:timesheets]
 *   POST   /timesheets          CreateTimesheetRequest  TimesheetEntry (a draft)                   [create:timesheets]
 *   PATCH  /timesheets/:id      UpdateTimesheetRequest  TimesheetEntry (draft or rejected -> draft) [create:timesheets]
 *   DELETE /timesheets/:id                            204 (draft or rejected)                      [delete:timesheets]
 *   POST   /timesheets/:id/approve | /reject {reason}  TimesheetEntry (one's people's, pending)   [approve:timesheets]
 *   GET    /weeks/:week                               WeekDto                                      [read:timesheets]
 *   PUT    /weeks/:week/entries SaveWeekRequest       WeekDto (drafts and rejected as listed; all or nothing) [create:timesheets]
 *   POST   /weeks/:week/submit                        WeekDto (drafts -> pending)                  [create:timesheets]
 *   GET    /projects                                  BookableProjectDto[]                         [read:projects]
 *   GET    /period-lock                               PeriodLockDto                                (any valid token)
 *   GET    /approvals?status&person&group&project&from&to&limit&cursor  Page<ApprovalQueueItem>  [approve:timesheets]
 *   GET    /approvals/options                         ApprovalOptionsDto (the queue's filters)    [approve:timesheets]
 *   GET    /approvals/people/:userId/weeks/:week      ApprovalWeekDto                             [approve:timesheets]
 *   POST   /approvals/decisions BulkDecisionRequest   BulkDecisionResponse (all or nothing)       [approve:timesheets]
 *   POST   /approvals/decisions/undo UndoDecisionRequest  UndoDecisionResponse (own, moments ago)  [approve:timesheets]
 *   GET    /admin/customers?includeArchived           CustomerDto[]                                [manage:projects]
 *   POST   /admin/customers     CreateCustomerRequest CustomerDto                                  [manage:projects]
 *   PATCH  /admin/customers/:id UpdateCustomerRequest CustomerDto                                  [manage:projects]
 *   GET    /admin/projects?q&customerId&archived&limit&cursor  Page<ProjectDto>                    [manage:projects]
 *   POST   /admin/projects      CreateProjectRequest  ProjectDto                                   [manage:projects]
 *   GET    /admin/projects/:id                        ProjectDto                                   [manage:projects]
 *   PATCH  /admin/projects/:id  UpdateProjectRequest  ProjectDto                                   [manage:projects]
 *   GET    /admin/period-lock                         PeriodLockDto                                [manage:period-lock]
 *   PUT    /admin/period-lock   SetPeriodLockRequest  PeriodLockDto                                [manage:period-lock]
 *   PUT    /admin/groups/:id/managers/:userId         GroupDetailDto                               [update:groups]
 *   DELETE /admin/groups/:id/managers/:userId         GroupDetailDto                               [update:groups]
 *   GET    /reports/hours?from&to&groupBy&…filters    HoursReport     (reach: see reports.ts)
 *   GET    /reports/hours/export?…&format&kind&bom&decimal   CSV or XLSX, streamed  (reach: see reports.ts)
 *   GET    /reports/options                           ReportOptionsDto (reach: see reports.ts)
 *   GET    /reports/team-weeks?week                   TeamWeeksDto                                 [approve:timesheets]
 *   GET    /admin/groups/:id/work-week                GroupWorkWeekDto                             [read:groups]
 *   PUT    /admin/groups/:id/work-week SetGroupWorkWeekRequest  GroupWorkWeekDto                  [update:groups]
 * The rest of the admin area is listed in authz.ts.
 */
const seg = encodeURIComponent;

export const ApiRoutes = {
  timesheets: '/timesheets',
  timesheet: (id: string) => `/timesheets/${seg(id)}`,
  approveTimesheet: (id: string) => `/timesheets/${seg(id)}/approve`,
  rejectTimesheet: (id: string) => `/timesheets/${seg(id)}/reject`,
  week: (week: string) => `/weeks/${seg(week)}`,
  weekEntries: (week: string) => `/weeks/${seg(week)}/entries`,
  submitWeek: (week: string) => `/weeks/${seg(week)}/submit`,
  projects: '/projects',
  periodLock: '/period-lock',
  approvals: '/approvals',
  approvalOptions: '/approvals/options',
  approvalWeek: (userId: string, week: string) => `/approvals/people/${seg(userId)}/weeks/${seg(week)}`,
  approvalDecisions: '/approvals/decisions',
  approvalDecisionsUndo: '/approvals/decisions/undo',
  adminCustomers: '/admin/customers',
  adminCustomer: (id: string) => `/admin/customers/${seg(id)}`,
  adminProjects: '/admin/projects',
  adminProject: (id: string) => `/admin/projects/${seg(id)}`,
  adminPeriodLock: '/admin/period-lock',
  adminGroupManager: (groupId: string, userId: string) => `/admin/groups/${seg(groupId)}/managers/${seg(userId)}`,
  reportHours: '/reports/hours',
  reportHoursExport: '/reports/hours/export',
  reportOptions: '/reports/options',
  teamWeeks: '/reports/team-weeks',
  adminGroupWorkWeek: (groupId: string) => `/admin/groups/${seg(groupId)}/work-week`,
} as const;
