import { Routes } from '@angular/router';
import { ApprovalsPage } from './approvals-page';

export const APPROVALS_ROUTES: Routes = [{ path: '', component: ApprovalsPage, title: $localize`Approvals` }];
