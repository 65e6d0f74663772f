import { Routes } from '@angular/router';
import { provideLocaleDates } from '@timesheets/web-ui';
import { ReportsPage } from './reports-page';

export const REPORTS_ROUTES: Routes = [
  { path: '', component: ReportsPage, title: $localize`Reports`, providers: [provideLocaleDates()] },
];
