import {
  HttpDownloadProgressEvent,
  HttpErrorResponse,
  HttpEvent,
  HttpEventType,
  HttpHeaders,
  HttpResponse,
} from '@angular/common/http';
import { DOCUMENT, DestroyRef, Signal, computed, inject, signal } from '@angular/core';
import { Observable, Subscription, catchError, from, switchMap, throwError } from 'rxjs';
import { describeApiError } from './api-error';

/**
 * A file fetched from the API with the bearer token (so not a plain link) and saved by the browser: progress while it
 * arrives, Cancel (the request is aborted), and nothing left running when the page goes. Create it in a component's
 * field initializers.
 */
export interface Download {
  /** True from `start` until the file is saved, fails or is cancelled. */
  readonly active: Signal<boolean>;
  /** Bytes received so far. */
  readonly received: Signal<number>;
  /** The size the server announced (`Content-Length`), else null (a streamed export does not know it). */
  readonly total: Signal<number | null>;
  /** Received as a share of `total` (0..1), null when the total is unknown. */
  readonly fraction: Signal<number | null>;
  /** The API's messages for the last failure, empty otherwise. */
  readonly errors: Signal<string[]>;
  /** The name the last finished download was saved under. */
  readonly saved: Signal<string | null>;
  /**
   * Starts `call` (`HttpClient` with `observe: 'events'`, `reportProgress: true`, `responseType: 'blob'`); the file is
   * saved under the server's `Content-Disposition` name, else `fallbackName`. A download already running is cancelled.
   */
  start(call: Observable<HttpEvent<Blob>>, fallbackName: string): void;
  /** Aborts the download in flight (the server sees the connection close). */
  cancel(): void;
}

export function apiDownload(): Download {
  const doc = inject(DOCUMENT);
  const active = signal(false);
  const received = signal(0);
  const total = signal<number | null>(null);
  const errors = signal<string[]>([]);
  const saved = signal<string | null>(null);
  let sub: Subscription | undefined;
  const cancel = () => {
    sub?.unsubscribe();
    sub = undefined;
    active.set(false);
  };
  inject(DestroyRef).onDestroy(() => sub?.unsubscribe());
  return {
    active: active.asReadonly(),
    received: received.asReadonly(),
    total: total.asReadonly(),
    fraction: computed(() => {
      const t = total();
      return t ? Math.min(1, received() / t) : null;
    }),
    errors: errors.asReadonly(),
    saved: saved.asReadonly(),
    cancel,
    start(call, fallbackName) {
      cancel();
      active.set(true);
      received.set(0);
      total.set(null);
      errors.set([]);
      saved.set(null);
      sub = call.pipe(catchError(readBlobError)).subscribe({
        next: (event) => {
          if (event.type === HttpEventType.DownloadProgress) {
            const p = event as HttpDownloadProgressEvent;
            received.set(p.loaded);
            if (p.total) total.set(p.total);
          } else if (event instanceof HttpResponse && event.body) {
            const name = fileNameOf(event.headers) ?? fallbackName;
            received.set(event.body.size);
            saveBlob(doc, event.body, name);
            saved.set(name);
            active.set(false);
          }
        },
        error: (e: unknown) => {
          active.set(false);
          errors.set(describeApiError(e));
        },
        complete: () => active.set(false),
      });
    },
  };
}

/**
 * With `responseType: 'blob'` an error's JSON body arrives as a Blob too: read it, so that the API's message (e.g.
 * "from: must be a date") reaches the page like any other error.
 */
function readBlobError(err: unknown): Observable<never> {
  if (!(err instanceof HttpErrorResponse) || !(err.error instanceof Blob)) return throwError(() => err);
  return from(blobText(err.error)).pipe(
    switchMap((text) => {
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // not JSON: kept as text
      }
      const parsed = new HttpErrorResponse({
        error: body,
        headers: err.headers,
        status: err.status,
        statusText: err.statusText,
        url: err.url ?? undefined,
      });
      return throwError(() => parsed);
    }),
  );
}

/** A Blob's text (FileReader: older engines, and jsdom, lack `Blob.text()`). */
function blobText(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
}

/**
 * The file name of `Content-Disposition` (RFC 6266): `filename*=UTF-8''…` preferred, else `filename="…"`; any path
 * part is dropped (the browser sanitises the name again when saving).
 */
export function fileNameOf(headers: HttpHeaders): string | null {
  const cd = headers.get('Content-Disposition');
  if (!cd) return null;
  let name: string | null = null;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(cd);
  if (star) {
    try {
      name = decodeURIComponent(star[1].trim());
    } catch {
      name = null;
    }
  }
  if (!name) {
    const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/.exec(cd);
    name = plain ? (plain[1] ?? plain[2]).replace(/\\(.)/g, '$1') : null;
  }
  const base = name?.split(/[\\/]/).pop()?.trim();
  return base ? base : null;
}

/** Hands a Blob to the browser's "save" (a temporary object URL on a download link). */
export function saveBlob(doc: Document, blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = doc.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  doc.body.appendChild(a);
  a.click();
  a.remove();
  // The click has started the save; the URL can go once the browser has read it.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
