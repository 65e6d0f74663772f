import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  InjectionToken,
  afterRenderEffect,
  computed,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { formatHours, formatNumber } from '@timesheets/web-ui';
import { ChartModel } from './report-view';

/** What the component needs of a chart: update its data, and go. */
export interface DrawnChart {
  update(model: ChartModel): void;
  destroy(): void;
}

/** Draws a chart on a canvas; the default loads chart.js on first use (its own lazy chunk). */
export type ChartDrawer = (canvas: HTMLCanvasElement, model: ChartModel) => DrawnChart;

export const CHART_DRAWER = new InjectionToken<() => Promise<ChartDrawer>>('CHART_DRAWER', {
  providedIn: 'root',
  factory: () => () => import('./chart-js-drawer').then((m) => m.chartJsDrawer),
});

/**
 * Hours as a stacked bar chart, with its text alternatives: the canvas is an image named by a one-line summary, and
 * the same numbers are a table under "Show the chart's data" (screen readers, and anyone who wants the figures).
 */
@Component({
  selector: 'ts-hours-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <figure class="ts-chart">
      <figcaption class="ts-chart-caption">{{ caption() }}</figcaption>
      <div class="ts-chart-box" [style.height.px]="height()">
        <canvas #canvas role="img" [attr.aria-label]="summary()"></canvas>
      </div>
      @if (failed()) {
        <p i18n class="ts-error" role="alert">The chart could not be drawn; its data is in the table below.</p>
      }
      <details class="ts-chart-data">
        <summary i18n>Show the chart's data as a table</summary>
        <div class="ts-table-scroll">
          <table class="ts-table" [attr.aria-label]="dataLabel()">
            <thead>
              <tr>
                <th scope="col">{{ categoryHeading() }}</th>
                @for (s of model().series; track $index) {
                  <th scope="col" class="num">{{ s.label }}</th>
                }
                @if (model().series.length > 1) {
                  <th i18n scope="col" class="num">Total</th>
                }
              </tr>
            </thead>
            <tbody>
              @for (c of model().categories; track $index; let i = $index) {
                <tr>
                  <th scope="row">{{ c }}</th>
                  @for (s of model().series; track $index) {
                    <td class="num">{{ hours(s.values[i]) }}</td>
                  }
                  @if (model().series.length > 1) {
                    <td class="num">{{ hours(categoryTotals()[i]) }}</td>
                  }
                </tr>
              }
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  `,
  styles: `
    .ts-chart {
      margin: 0;
    }
    .ts-chart-caption {
      font-weight: 600;
      margin-bottom: 8px;
    }
    .ts-chart-box {
      position: relative;
    }
    .ts-chart-data {
      margin-top: 8px;
    }
    .ts-chart-data summary {
      cursor: pointer;
      padding: 8px 0;
    }
  `,
})
export class HoursChart {
  readonly model = input.required<ChartModel>();
  /** The chart's title, e.g. "Hours per project by week". */
  readonly caption = input.required<string>();
  /** The header of the category column in the data table. */
  readonly categoryHeading = input.required<string>();

  private readonly loadDrawer = inject(CHART_DRAWER);
  private readonly canvas = viewChild.required<ElementRef<HTMLCanvasElement>>('canvas');
  protected readonly hours = formatHours;
  protected readonly failed = signal(false);

  protected readonly categoryTotals = computed(() => {
    const m = this.model();
    return m.categories.map((_, i) => Math.round(m.series.reduce((a, s) => a + s.values[i], 0) * 100) / 100);
  });
  /** Horizontal bars get room by their number (a bar per person or project); upright ones a fixed height. */
  protected readonly height = computed(() => {
    const m = this.model();
    const legend = m.seriesDimension ? 48 : 0;
    return m.horizontal ? Math.min(720, 96 + legend + 44 * m.categories.length) : 320;
  });
  /** The image's accessible name: what it shows, and its largest bar. */
  protected readonly summary = computed(() => {
    const m = this.model();
    const totals = this.categoryTotals();
    const caption = this.caption();
    if (!m.categories.length) return $localize`${caption}:caption:: no hours.`;
    const top = totals.indexOf(Math.max(...totals));
    const bars = formatNumber(m.categories.length);
    const most = m.categories[top];
    const hours = formatHours(totals[top]);
    return m.series.length > 1
      ? $localize`${caption}:caption:: bar chart of ${bars}:bars: bars, stacked by ${formatNumber(m.series.length)}:series: series; most hours: ${most}:most:, ${hours}:hours: h. The data is in the table below.`
      : $localize`${caption}:caption:: bar chart of ${bars}:bars: bars; most hours: ${most}:most:, ${hours}:hours: h. The data is in the table below.`;
  });
  /** The data table's name: the chart's caption and "data". */
  protected readonly dataLabel = computed(() => $localize`${this.caption()}:caption:: data`);

  private chart: DrawnChart | null = null;
  private drawer: Promise<ChartDrawer> | null = null;
  private destroyed = false;

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      this.destroyed = true;
      this.chart?.destroy();
    });
    afterRenderEffect(() => {
      const model = this.model();
      const canvas = this.canvas().nativeElement;
      this.drawer ??= this.loadDrawer();
      this.drawer.then(
        (draw) => {
          if (this.destroyed) return;
          if (this.chart) this.chart.update(model);
          else this.chart = draw(canvas, model);
          this.failed.set(false);
        },
        () => this.failed.set(true),
      );
    });
  }
}
