import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { HttpErrorResponse, HttpEvent, HttpEventType, HttpHeaders, HttpResponse } from '@angular/common/http';
import { Subject } from 'rxjs';
import { apiDownload, fileNameOf } from './download';

@Component({ template: '', changeDetection: ChangeDetectionStrategy.OnPush })
class Host {
  readonly download = apiDownload();
}

describe('apiDownload', () => {
  let clicked: { href: string; download: string }[];
  const createObjectURL = jest.fn(() => 'blob:mock');
  const revokeObjectURL = jest.fn();

  beforeEach(() => {
    clicked = [];
    // jsdom has no object URLs and does not follow download links: record what would be saved.
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download });
    });
  });
  afterEach(() => jest.restoreAllMocks());

  const start = () => {
    const f = TestBed.createComponent(Host);
    const events = new Subject<HttpEvent<Blob>>();
    f.componentInstance.download.start(events.asObservable(), 'fallback.csv');
    return { d: f.componentInstance.download, events, f };
  };

  it('reports the bytes received, then saves the file under the server’s name', () => {
    const { d, events } = start();
    expect(d.active()).toBe(true);
    events.next({ type: HttpEventType.DownloadProgress, loaded: 1024 });
    expect(d.received()).toBe(1024);
    expect(d.fraction()).toBeNull();
    events.next({ type: HttpEventType.DownloadProgress, loaded: 2048, total: 4096 });
    expect(d.fraction()).toBe(0.5);
    const body = new Blob(['a;b\r\n1;2\r\n'], { type: 'text/csv' });
    events.next(
      new HttpResponse({
        body,
        headers: new HttpHeaders({ 'Content-Disposition': `attachment; filename="hours.csv"` }),
      }),
    );
    events.complete();
    expect(createObjectURL).toHaveBeenCalledWith(body);
    expect(clicked).toEqual([{ href: 'blob:mock', download: 'hours.csv' }]);
    expect(d.active()).toBe(false);
    expect(d.saved()).toBe('hours.csv');
  });

  it('uses the fallback name without Content-Disposition', () => {
    const { d, events } = start();
    events.next(new HttpResponse({ body: new Blob(['x']) }));
    expect(clicked[0].download).toBe('fallback.csv');
    expect(d.saved()).toBe('fallback.csv');
  });

  it('cancel aborts the request and saves nothing', () => {
    const { d, events } = start();
    events.next({ type: HttpEventType.DownloadProgress, loaded: 10 });
    d.cancel();
    expect(events.observed).toBe(false);
    expect(d.active()).toBe(false);
    expect(clicked).toEqual([]);
  });

  it('leaving the page aborts the request', () => {
    const { events, f } = start();
    f.destroy();
    expect(events.observed).toBe(false);
  });

  it('shows the API’s message of an error whose body came as a Blob', async () => {
    const { d, events } = start();
    const error = new Blob([JSON.stringify({ statusCode: 400, message: ['from must be a date'] })], {
      type: 'application/json',
    });
    events.error(new HttpErrorResponse({ status: 400, error }));
    // The Blob is read asynchronously (FileReader).
    for (let i = 0; i < 100 && d.active(); i++) await new Promise((r) => setTimeout(r, 10));
    expect(d.errors()).toEqual(['from must be a date']);
    expect(d.active()).toBe(false);
    expect(clicked).toEqual([]);
  });
});

describe('fileNameOf', () => {
  const cd = (v: string) => fileNameOf(new HttpHeaders({ 'Content-Disposition': v }));
  it('reads filename* (UTF-8) before filename, and drops any path', () => {
    expect(cd(`attachment; filename="hours.csv"`)).toBe('hours.csv');
    expect(cd(`attachment; filename=hours.xlsx`)).toBe('hours.xlsx');
    expect(cd(`attachment; filename="Stunden.csv"; filename*=UTF-8''Stunden%20M%C3%A4rz.csv`)).toBe('Stunden März.csv');
    expect(cd(`attachment; filename="../../etc/passwd"`)).toBe('passwd');
    expect(cd(`attachment; filename="a\\"b.csv"`)).toBe('a"b.csv');
    expect(cd('attachment')).toBeNull();
    expect(fileNameOf(new HttpHeaders())).toBeNull();
  });
});
