import { Routes } from '@angular/router';
import { TimesheetsPage } from './timesheets-page';

export const TIMESHEETS_ROUTES: Routes = [{ path: '', component: TimesheetsPage, title: 'My timesheets' }];
