import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  ChartData,
  Legend,
  LinearScale,
  type Scale,
  Tooltip,
} from 'chart.js';
import { formatHours } from '@timesheets/web-ui';
import type { ChartDrawer } from './hours-chart';
import { ChartModel, axisLabel } from './report-view';

// Only what a stacked bar chart needs (chart.js is tree-shaken: no other chart types, no animations' extras).
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

/**
 * Okabe–Ito's colour-blind-safe palette (black left out for the bars' borders to stay visible); colour is never the
 * only cue: the legend, the tooltips and the data table name every series.
 */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#999999'];

function data(model: ChartModel): ChartData<'bar'> {
  return {
    labels: model.categories,
    datasets: model.series.map((s, i) => ({
      label: s.label,
      data: s.values,
      backgroundColor: PALETTE[i % PALETTE.length],
      borderColor: '#ffffff',
      borderWidth: 1,
      maxBarThickness: 56,
    })),
  };
}

function create(canvas: HTMLCanvasElement, model: ChartModel): Chart<'bar'> {
  const hoursTitle = { display: true, text: $localize`:chart axis:Hours` };
  const categoryTicks = {
    callback(this: Scale, value: string | number): string {
      return axisLabel(this.getLabelForValue(Number(value)), this.chart.width);
    },
  };
  return new Chart<'bar'>(canvas, {
    type: 'bar',
    data: data(model),
    options: {
      indexAxis: model.horizontal ? 'y' : 'x',
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: {
        x: { stacked: true, ...(model.horizontal ? { title: hoursTitle } : { ticks: categoryTicks }) },
        y: { stacked: true, ...(model.horizontal ? { ticks: categoryTicks } : { title: hoursTitle }) },
      },
      plugins: {
        legend: { display: model.seriesDimension !== null, position: 'bottom' },
        tooltip: {
          callbacks: {
            label: (ctx) => `${ctx.dataset.label ?? ''}: ${formatHours(Number(ctx.raw))} h`,
          },
        },
      },
    },
  });
}

/** chart.js's stacked bars for a report's chart model; a change of orientation or legend draws it anew. */
export const chartJsDrawer: ChartDrawer = (canvas, first) => {
  let model = first;
  let chart = create(canvas, model);
  return {
    update(next) {
      if (next.horizontal !== model.horizontal || next.series.length > 1 !== model.series.length > 1) {
        chart.destroy();
        chart = create(canvas, next);
      } else {
        chart.data = data(next);
        chart.update();
      }
      model = next;
    },
    destroy: () => chart.destroy(),
  };
};
