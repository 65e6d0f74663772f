import { HttpErrorResponse } from '@angular/common/http';
import { FieldError } from '@timesheets/contracts';
import { localizeApiMessage } from './api-messages';

/**
 * Human-readable messages from an API error (`{statusCode, error, message}`), in the SPA's language where it knows them,
 * except for a missing scope: its message names the scope, which means nothing to a person (the layout's notice says in
 * plain words what the user can no longer do).
 */
export function describeApiError(err: unknown): string[] {
  if (err instanceof HttpErrorResponse) {
    if (err.status === 0) return [$localize`The server could not be reached. Check your connection and try again.`];
    if (err.status === 403 && (err.headers?.get('WWW-Authenticate') ?? '').includes('insufficient_scope'))
      return [$localize`Your permissions have changed: you are no longer allowed to do this.`];
    const body = err.error as { message?: unknown } | null;
    const msg = body && typeof body === 'object' ? body.message : undefined;
    if (Array.isArray(msg)) return msg.filter((m): m is string => typeof m === 'string').map(localizeApiMessage);
    if (typeof msg === 'string' && msg) return [localizeApiMessage(msg)];
    if (err.status === 403) return [$localize`You don't have permission to do that.`];
    if (err.status === 404) return [$localize`Not found: it may have been deleted.`];
    if (err.status === 409) return [$localize`That conflicts with the current state; reload and try again.`];
    return [$localize`Request failed (${err.status}).`];
  }
  return [err instanceof Error ? err.message : $localize`Something went wrong.`];
}

/** The invalid fields an API error names (`ApiError.errors`: `hours`, `entries[3].hours`), empty for other errors. */
export function fieldErrors(err: unknown): FieldError[] {
  if (!(err instanceof HttpErrorResponse)) return [];
  const errors = (err.error as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors)) return [];
  return errors
    .filter(
      (e): e is FieldError =>
        typeof e === 'object' && e !== null && typeof e.field === 'string' && typeof e.message === 'string',
    )
    .map((e) => ({ ...e, message: localizeApiMessage(e.message) }));
}
