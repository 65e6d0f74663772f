import { DestroyRef, Signal, computed, effect, inject, signal, untracked } from '@angular/core';
import { Observable, Subscription } from 'rxjs';
import { Page } from '@timesheets/contracts';
import { describeApiError } from './api-error';

/**
 * The one way pages talk to the API: a call's state as signals (loading, the API's messages), the newest request wins
 * (a response to an older one is dropped: its subscription is cancelled), and nothing outlives the page. Create these
 * in a component's field initializers (they need its injection context).
 */
export interface CallState {
  readonly loading: Signal<boolean>;
  /** The API's messages for the last failure (`describeApiError`), empty otherwise. */
  readonly errors: Signal<string[]>;
}

/** `params` returning `undefined` means "nothing to load yet". */
export type Params<P> = () => P | undefined;

export interface Loader<T> extends CallState {
  readonly value: Signal<T>;
  /** Loads again with the current parameters ("Try again", or after a change elsewhere). */
  reload(): void;
  /** Changes the loaded value in place (after a save), without asking the API. */
  update(fn: (value: T) => T): void;
}

export interface LoaderOptions<T, P> {
  params?: Params<P>;
  load: (params: P) => Observable<T>;
  initial: T;
  /**
   * Back to `initial` as soon as the parameters change (one user's details must not show under another's name while
   * loading). By default the previous value stays until the new one arrives (a week grid does not flash empty).
   */
  resetOnChange?: boolean;
}

/**
 * Loads `load(params())` whenever the parameters change (an effect tracks the signals `params` reads); without
 * `params`, once.
 */
export function apiLoader<T, P = null>(opts: LoaderOptions<T, P>): Loader<T> {
  const params = opts.params ?? (() => null as P);
  const value = signal<T>(opts.initial);
  const call = callRunner();
  const run = (p: P | undefined) => {
    if (p === undefined) call.cancel();
    else call.run(opts.load(p), (v) => value.set(v));
  };
  effect(() => {
    const p = params();
    untracked(() => {
      if (opts.resetOnChange) value.set(opts.initial);
      run(p);
    });
  });
  return {
    value: value.asReadonly(),
    loading: call.loading,
    errors: call.errors,
    reload: () => run(untracked(params)),
    update: (fn) => value.update(fn),
  };
}

export interface Pager<T> extends CallState {
  readonly items: Signal<T[]>;
  /** True while the API has said there is a next page. */
  readonly hasMore: Signal<boolean>;
  /** The first page again (for the current parameters). */
  reload(): void;
  /** The next page, appended (keyset paging with the API's `nextCursor`). */
  more(): void;
  /** Repeats the call that failed: the first page or the next one. */
  retry(): void;
  update(fn: (items: T[]) => T[]): void;
}

/** A keyset-paged list: the first page whenever the parameters change, `more()` appends the next. */
export function apiPager<T, P>(opts: {
  params: Params<P>;
  load: (params: P, cursor: string | undefined) => Observable<Page<T>>;
}): Pager<T> {
  const items = signal<T[]>([]);
  const cursor = signal<string | null>(null);
  const call = callRunner();
  let lastWasMore = false;
  const first = (p: P | undefined) => {
    lastWasMore = false;
    if (p === undefined) {
      call.cancel();
      items.set([]);
      cursor.set(null);
      return;
    }
    call.run(opts.load(p, undefined), (page) => {
      items.set(page.items);
      cursor.set(page.nextCursor);
    });
  };
  const more = () => {
    const p = untracked(opts.params);
    const c = cursor();
    if (p === undefined || c === null) return;
    lastWasMore = true;
    call.run(opts.load(p, c), (page) => {
      items.update((cur) => [...cur, ...page.items]);
      cursor.set(page.nextCursor);
    });
  };
  const reload = () => first(untracked(opts.params));
  effect(() => {
    const p = opts.params();
    untracked(() => first(p));
  });
  return {
    items: items.asReadonly(),
    hasMore: computed(() => cursor() !== null),
    loading: call.loading,
    errors: call.errors,
    reload,
    more,
    retry: () => (lastWasMore ? more() : reload()),
    update: (fn) => items.update(fn),
  };
}

export interface Action extends CallState {
  /**
   * Sends `call`; `done` gets its result. A failure goes to `errors`, then to the action's `onError` and to `failed`
   * (each when given; `failed` also gets the error itself, e.g. for `fieldErrors`).
   */
  run<T>(call: Observable<T>, done?: (value: T) => void, failed?: (messages: string[], error: unknown) => void): void;
}

/**
 * A change sent to the API (save, approve, delete): busy while any runs, the API's messages when one fails. Changes
 * are never cancelled (not by a second one, not by leaving the page): the server may have applied them already.
 */
export function apiAction(opts: { onError?: (messages: string[]) => void } = {}): Action {
  const running = signal(0);
  const errors = signal<string[]>([]);
  return {
    loading: computed(() => running() > 0),
    errors: errors.asReadonly(),
    run<T>(
      call: Observable<T>,
      done?: (value: T) => void,
      failed?: (messages: string[], error: unknown) => void,
    ): void {
      running.update((n) => n + 1);
      errors.set([]);
      let settled = false;
      const settle = () => {
        if (!settled) running.update((n) => n - 1);
        settled = true;
      };
      call.subscribe({
        next: (v) => {
          settle();
          done?.(v);
        },
        error: (e: unknown) => {
          settle();
          const messages = describeApiError(e);
          errors.set(messages);
          opts.onError?.(messages);
          failed?.(messages, e);
        },
        complete: settle,
      });
    },
  };
}

/** One load at a time: a new one cancels the one in flight, and leaving the page cancels it too. */
function callRunner() {
  const loading = signal(false);
  const errors = signal<string[]>([]);
  let sub: Subscription | undefined;
  const cancel = () => {
    sub?.unsubscribe();
    loading.set(false);
  };
  inject(DestroyRef).onDestroy(() => sub?.unsubscribe());
  return {
    loading: loading.asReadonly(),
    errors: errors.asReadonly(),
    cancel,
    run<T>(call: Observable<T>, next: (value: T) => void): void {
      sub?.unsubscribe();
      loading.set(true);
      errors.set([]);
      sub = call.subscribe({
        next: (v) => {
          loading.set(false);
          next(v);
        },
        error: (e: unknown) => {
          loading.set(false);
          errors.set(describeApiError(e));
        },
        complete: () => loading.set(false),
      });
    },
  };
}
