import { Directive, TemplateRef, ViewContainerRef, effect, inject, input } from '@angular/core';
import { AuthService } from './auth.service';

/**
 * Renders its template only while every listed scope is granted: `<button *hasScope="'approve:timesheets'">`.
 * Hiding is a courtesy; the API enforces the same scopes.
 */
// eslint-disable-next-line @angular-eslint/directive-selector -- reads as plain English in templates: *hasScope
@Directive({ selector: '[hasScope]' })
export class HasScopeDirective {
  readonly hasScope = input.required<string | readonly string[]>();
  private readonly auth = inject(AuthService);
  private readonly tpl = inject(TemplateRef<unknown>);
  private readonly vcr = inject(ViewContainerRef);
  private shown = false;

  constructor() {
    effect(() => {
      const v = this.hasScope();
      const ok = this.auth.hasScopes(...(typeof v === 'string' ? [v] : v));
      if (ok && !this.shown) this.vcr.createEmbeddedView(this.tpl);
      if (!ok && this.shown) this.vcr.clear();
      this.shown = ok;
    });
  }
}
