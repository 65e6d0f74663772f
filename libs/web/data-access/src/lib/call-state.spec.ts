import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { HttpErrorResponse } from '@angular/common/http';
import { Observable, Subject, of, throwError } from 'rxjs';
import { Page } from '@timesheets/contracts';
import { apiAction, apiLoader, apiPager } from './call-state';

const fail = (message: string) => throwError(() => new HttpErrorResponse({ status: 400, error: { message } }));

describe('call state', () => {
  describe('apiLoader', () => {
    const calls: Subject<string>[] = [];
    // Each call gets its own subject, answered by the test (the parameter is checked through the mock's calls).
    const load = jest.fn<Observable<string>, [number]>(() => {
      const s = new Subject<string>();
      calls.push(s);
      return s.asObservable();
    });

    @Component({ template: '', changeDetection: ChangeDetectionStrategy.OnPush })
    class Host {
      readonly n = signal<number | undefined>(1);
      readonly value = apiLoader({ params: () => this.n(), load, initial: 'none' });
      readonly reset = apiLoader({ params: () => this.n(), load, initial: 'none', resetOnChange: true });
    }

    beforeEach(() => {
      calls.length = 0;
      load.mockClear();
    });

    it('loads when the parameters change; the newest request wins', () => {
      const f = TestBed.createComponent(Host);
      f.detectChanges();
      const [first, firstReset] = calls;
      expect(load).toHaveBeenCalledTimes(2);
      expect(f.componentInstance.value.loading()).toBe(true);
      first.next('one');
      firstReset.next('one');
      expect(f.componentInstance.value.value()).toBe('one');
      expect(f.componentInstance.value.loading()).toBe(false);

      f.componentInstance.n.set(2);
      f.detectChanges();
      const [, , second, secondReset] = calls;
      // The old value stays while the new one loads, unless asked to reset.
      expect(f.componentInstance.value.value()).toBe('one');
      expect(f.componentInstance.reset.value()).toBe('none');
      f.componentInstance.n.set(3);
      f.detectChanges();
      // The answer to the older request arrives late: dropped (its subscription was cancelled).
      second.next('two');
      secondReset.next('two');
      expect(second.observed).toBe(false);
      expect(f.componentInstance.value.value()).toBe('one');
      calls[4].next('three');
      expect(f.componentInstance.value.value()).toBe('three');
      expect(load).toHaveBeenLastCalledWith(3);
    });

    it('keeps the API messages of a failure until the next try; undefined parameters load nothing', () => {
      const f = TestBed.createComponent(Host);
      f.detectChanges();
      calls[0].error(new HttpErrorResponse({ status: 409, error: { message: 'Locked' } }));
      expect(f.componentInstance.value.errors()).toEqual(['Locked']);
      expect(f.componentInstance.value.loading()).toBe(false);
      f.componentInstance.value.reload();
      expect(load).toHaveBeenLastCalledWith(1);
      expect(f.componentInstance.value.errors()).toEqual([]);
      f.componentInstance.n.set(undefined);
      f.detectChanges();
      expect(load).toHaveBeenCalledTimes(3);
      expect(f.componentInstance.value.loading()).toBe(false);
    });

    it('cancels what is in flight when the page goes away', () => {
      const f = TestBed.createComponent(Host);
      f.detectChanges();
      f.destroy();
      expect(calls.every((c) => !c.observed)).toBe(true);
    });
  });

  describe('apiPager', () => {
    const pages: Record<string, Page<string>> = {
      'a:': { items: ['a1', 'a2'], nextCursor: 'c1' },
      'a:c1': { items: ['a3'], nextCursor: null },
      'b:': { items: ['b1'], nextCursor: null },
    };
    const load = jest.fn((q: string, cursor: string | undefined) => {
      const page = pages[`${q}:${cursor ?? ''}`];
      return page ? of(page) : fail(`no page ${q}:${cursor}`);
    });

    @Component({ template: '', changeDetection: ChangeDetectionStrategy.OnPush })
    class Host {
      readonly q = signal('a');
      readonly list = apiPager({ params: () => this.q(), load });
    }

    beforeEach(() => load.mockClear());

    it('reads the first page, appends the next, starts over when the filters change', () => {
      const f = TestBed.createComponent(Host);
      f.detectChanges();
      const list = f.componentInstance.list;
      expect(list.items()).toEqual(['a1', 'a2']);
      expect(list.hasMore()).toBe(true);
      list.more();
      expect(load).toHaveBeenLastCalledWith('a', 'c1');
      expect(list.items()).toEqual(['a1', 'a2', 'a3']);
      expect(list.hasMore()).toBe(false);
      list.more(); // nothing more to read
      expect(load).toHaveBeenCalledTimes(2);
      f.componentInstance.q.set('b');
      f.detectChanges();
      expect(list.items()).toEqual(['b1']);
    });

    it('retries the call that failed: the next page keeps what was read', () => {
      const f = TestBed.createComponent(Host);
      f.detectChanges();
      const list = f.componentInstance.list;
      pages['a:c1'] = undefined as unknown as Page<string>;
      list.more();
      expect(list.errors()).toEqual(['no page a:c1']);
      expect(list.items()).toEqual(['a1', 'a2']);
      pages['a:c1'] = { items: ['a3'], nextCursor: null };
      list.retry();
      expect(load).toHaveBeenLastCalledWith('a', 'c1');
      expect(list.items()).toEqual(['a1', 'a2', 'a3']);
      expect(list.errors()).toEqual([]);
    });
  });

  describe('apiAction', () => {
    @Component({ template: '', changeDetection: ChangeDetectionStrategy.OnPush })
    class Host {
      readonly shown: string[][] = [];
      readonly action = apiAction({ onError: (m) => this.shown.push(m) });
    }

    it('is busy while any change runs, and never cancels one', () => {
      const f = TestBed.createComponent(Host);
      const a = f.componentInstance.action;
      const one = new Subject<number>();
      const two = new Subject<number>();
      const done = jest.fn();
      a.run(one, done);
      a.run(two, done);
      expect(a.loading()).toBe(true);
      one.next(1);
      expect(a.loading()).toBe(true);
      two.next(2);
      expect(a.loading()).toBe(false);
      expect(done.mock.calls).toEqual([[1], [2]]);
      f.destroy();
      const three = new Subject<number>();
      a.run(three, done);
      expect(three.observed).toBe(true);
    });

    it('reports the API messages to the page and to the caller', () => {
      const f = TestBed.createComponent(Host);
      const failed = jest.fn();
      f.componentInstance.action.run(fail('Period locked through 2026-11-30'), undefined, failed);
      expect(f.componentInstance.action.errors()).toEqual(['Period locked through 2026-11-30']);
      expect(f.componentInstance.shown).toEqual([['Period locked through 2026-11-30']]);
      expect(failed).toHaveBeenCalledWith(['Period locked through 2026-11-30'], expect.any(HttpErrorResponse));
      expect(f.componentInstance.action.loading()).toBe(false);
      // A call that completes without a value (204) ends too.
      f.componentInstance.action.run(of());
      expect(f.componentInstance.action.loading()).toBe(false);
    });
  });
});
