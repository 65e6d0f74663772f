import { HttpParams } from '@angular/common/http';
import { inject } from '@angular/core';
import { RuntimeConfigService } from '@timesheets/web-auth';

/** Returns a function building absolute API URLs from the run-time `apiUrl`. */
export function injectApiUrl(): (path: string) => string {
  const runtime = inject(RuntimeConfigService);
  return (path: string) => {
    const base = runtime.config()?.apiUrl;
    if (!base) throw new Error('API URL not configured');
    return base + path;
  };
}

/** Query parameters without empty values. */
export function toParams(query: object): HttpParams {
  let params = new HttpParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params = params.set(k, String(v));
  }
  return params;
}
