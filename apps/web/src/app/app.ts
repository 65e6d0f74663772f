import { ChangeDetectionStrategy, Component } from '@angular/core';
import { Layout } from '@timesheets/web-shell';

@Component({
  imports: [Layout],
  selector: 'app-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: '<ts-layout />',
})
export class App {}
