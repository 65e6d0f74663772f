import { Routes } from '@angular/router';
import { EntriesPage } from './entries-page';
import { WeekPage } from './week-page';

export const TIMESHEETS_ROUTES: Routes = [
  {
    path: '',
    component: WeekPage,
    title: 'My timesheets',
    // Unsaved hours: ask before leaving the page.
    canDeactivate: [(page: WeekPage) => page.leave()],
  },
  { path: 'entries', component: EntriesPage, title: 'My entries' },
];
