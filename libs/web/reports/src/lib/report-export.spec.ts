import { TestBed } from '@angular/core/testing';
import { HttpEvent, HttpEventType, HttpHeaders, HttpResponse } from '@angular/common/http';
import { Subject } from 'rxjs';
import { ReportsApi } from '@timesheets/web-data-access';
import { defaultFilters } from './report-filters';
import { ReportExport } from './report-export';

describe('ReportExport', () => {
  let events: Subject<HttpEvent<Blob>>;
  const api = { exportHours: jest.fn() };

  beforeEach(() => {
    events = new Subject();
    api.exportHours.mockReset().mockReturnValue(events.asObservable());
    Object.assign(URL, { createObjectURL: jest.fn(() => 'blob:x'), revokeObjectURL: jest.fn() });
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    TestBed.configureTestingModule({ providers: [{ provide: ReportsApi, useValue: api }] });
  });
  afterEach(() => jest.restoreAllMocks());

  const create = () => {
    const f = TestBed.createComponent(ReportExport);
    f.componentRef.setInput('filters', { ...defaultFilters('2026-11-15'), status: ['approved'] });
    f.detectChanges();
    return f;
  };
  const button = (f: { nativeElement: HTMLElement }, name: string) =>
    [...f.nativeElement.querySelectorAll('button')].find((b) => b.textContent?.trim() === name) as HTMLButtonElement;
  const status = (f: { nativeElement: HTMLElement }) =>
    f.nativeElement.querySelector('[role="status"]')?.textContent?.replace(/\s+/g, ' ').trim();

  it('downloads the CSV of the report’s filters, showing the bytes received', () => {
    const f = create();
    f.componentInstance.bom.set(true);
    f.componentInstance.decimalComma.set(true);
    button(f, 'Download CSV').click();
    expect(api.exportHours).toHaveBeenCalledWith({
      from: '2026-11-01',
      to: '2026-11-30',
      groupBy: ['project', 'week'],
      status: ['approved'],
      format: 'csv',
      kind: 'detail',
      bom: true,
      decimal: 'comma',
    });
    events.next({ type: HttpEventType.DownloadProgress, loaded: 3 * 1024 * 1024 });
    f.detectChanges();
    expect(status(f)).toContain('Downloading CSV… 3 MB received');
    expect(button(f, 'Download CSV').disabled).toBe(true);
    events.next(
      new HttpResponse({
        body: new Blob(['x'.repeat(2048)]),
        headers: new HttpHeaders({
          'Content-Disposition': 'attachment; filename="hours-2026-11-01-2026-11-30-detail.csv"',
        }),
      }),
    );
    f.detectChanges();
    expect(status(f)).toBe('Saved hours-2026-11-01-2026-11-30-detail.csv (2 KB).');
  });

  it('Excel: the report’s rows, without the CSV options', () => {
    const f = create();
    f.componentInstance.kind.set('aggregate');
    button(f, 'Download Excel (XLSX)').click();
    expect(api.exportHours).toHaveBeenCalledWith(expect.objectContaining({ format: 'xlsx', kind: 'aggregate' }));
    expect(api.exportHours.mock.calls[0][0]).not.toHaveProperty('bom');
  });

  it('without a grouping, the entries are downloaded (the report’s rows need one)', () => {
    const f = TestBed.createComponent(ReportExport);
    f.componentRef.setInput('filters', { ...defaultFilters('2026-11-15'), groupBy: [] });
    f.detectChanges();
    f.componentInstance.kind.set('aggregate');
    button(f, 'Download CSV').click();
    expect(api.exportHours).toHaveBeenCalledWith(expect.objectContaining({ kind: 'detail', groupBy: [] }));
  });

  it('Cancel aborts the request', () => {
    const f = create();
    button(f, 'Download CSV').click();
    f.detectChanges();
    button(f, 'Cancel download').click();
    f.detectChanges();
    expect(events.observed).toBe(false);
    expect(status(f)).toBe('Download cancelled.');
    expect(button(f, 'Download CSV').disabled).toBe(false);
  });
});
