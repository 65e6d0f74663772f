import { Routes } from '@angular/router';
import { provideLocaleDates } from '@timesheets/web-ui';
import { EntriesPage } from './entries-page';
import { WeekPage } from './week-page';

export const TIMESHEETS_ROUTES: Routes = [
  {
    path: '',
    providers: [provideLocaleDates()],
    children: [
      {
        path: '',
        component: WeekPage,
        title: $localize`My timesheets`,
        // Unsaved hours: ask before leaving the page.
        canDeactivate: [(page: WeekPage) => page.leave()],
      },
      { path: 'entries', component: EntriesPage, title: $localize`My entries` },
    ],
  },
];
