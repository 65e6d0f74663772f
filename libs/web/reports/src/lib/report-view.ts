import { HoursReport, ReportAmount, ReportDimension, ReportKey } from '@timesheets/contracts';
import { formatLongDate, formatMonth, formatWeek } from '@timesheets/web-ui';

/** One line of the grouped table: a row at the finest level, or a subtotal after the rows it sums. */
export interface ReportLine extends ReportAmount {
  kind: 'row' | 'subtotal';
  /** Subtotals: how many leading dimensions they keep (1 is the outermost); rows: the number of dimensions. */
  level: number;
  /** One cell per dimension (a subtotal has `level` of them); the label shown. */
  cells: string[];
  /** Per cell: the same value as the line above in this group (shown once, still read out). */
  repeated: boolean[];
}

export const TIME_DIMENSIONS: readonly ReportDimension[] = ['day', 'week', 'month'];

/** What a key shows: the API's label, else its id in words (dates, weeks, months, billable), else "none". */
export function keyLabel(key: ReportKey): string {
  if (key.id === null) {
    switch (key.dimension) {
      case 'group':
        return $localize`No group`;
      case 'customer':
        return $localize`No customer`;
      default:
        return $localize`:no value of a report dimension:None`;
    }
  }
  switch (key.dimension) {
    case 'billable':
      return key.id === 'true' ? $localize`Billable` : $localize`Not billable`;
    case 'day':
      return formatLongDate(key.id);
    case 'week':
      return formatWeek(key.id);
    case 'month':
      return formatMonth(key.id);
    default:
      return key.label ?? key.id;
  }
}

/** A shorter form for chart axes and legends (weeks without their dates). */
export function shortKeyLabel(key: ReportKey): string {
  return key.dimension === 'week' && key.id !== null ? key.id : keyLabel(key);
}

const keyId = (k: ReportKey) => `${k.dimension}=${k.id ?? '\u0000none'}`;
const prefixId = (keys: readonly ReportKey[], n: number) => keys.slice(0, n).map(keyId).join('|');

/**
 * The table's lines: the rows in the API's order, each subtotal right after the last row that starts with its keys
 * (innermost first), as the API's ordering makes them contiguous.
 */
export function reportLines(report: HoursReport): ReportLine[] {
  const depth = report.groupBy.length;
  const subtotals = new Map(report.subtotals.map((s) => [`${s.level}:${prefixId(s.keys, s.level)}`, s]));
  const out: ReportLine[] = [];
  let previous: readonly ReportKey[] | null = null;
  report.rows.forEach((row, i) => {
    // A cell repeats the line above while every key up to it is the same (rows only; subtotals break the run).
    let same = previous !== null;
    const repeated = row.keys.map((k, d) => {
      same = same && previous !== null && keyId(previous[d]) === keyId(k);
      return same;
    });
    out.push({
      kind: 'row',
      level: depth,
      cells: row.keys.map(keyLabel),
      repeated,
      hours: row.hours,
      entries: row.entries,
    });
    previous = row.keys;
    const next = report.rows[i + 1];
    for (let level = depth - 1; level >= 1; level--) {
      if (next && prefixId(next.keys, level) === prefixId(row.keys, level)) break;
      const s = subtotals.get(`${level}:${prefixId(row.keys, level)}`);
      if (s) {
        out.push({
          kind: 'subtotal',
          level,
          cells: s.keys.slice(0, level).map(keyLabel),
          repeated: s.keys.slice(0, level).map(() => false),
          hours: s.hours,
          entries: s.entries,
        });
        previous = null;
      }
    }
  });
  return out;
}

export interface ChartSeries {
  label: string;
  values: number[];
}

/** What the chart draws: categories along one axis, stacked series (hours). */
export interface ChartModel {
  categoryDimension: ReportDimension;
  /** Null: one series (the hours). */
  seriesDimension: ReportDimension | null;
  categories: string[];
  series: ChartSeries[];
  /** Bars along the horizontal axis (long names such as people or projects read better so). */
  horizontal: boolean;
}

/** Series beyond this many are summed as "Other" (a legend of 40 projects helps nobody). */
export const MAX_SERIES = 8;

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * The chart of a report, from its first two dimensions (a third is summed, from the subtotals the API computed): a bar
 * per value of the first (project, person, week…), stacked by the second: "hours per project stacked by week" is
 * `project,week`, "a team's week by person" is `person,day`. Bars of names run horizontally. No chart without a
 * dimension.
 */
export function reportChart(report: HoursReport): ChartModel | null {
  const dims = report.groupBy.slice(0, 2);
  if (!dims.length) return null;
  const lines: { keys: ReportKey[]; hours: number }[] =
    report.groupBy.length > 2
      ? report.subtotals.filter((s) => s.level === 2).map((s) => ({ keys: s.keys.slice(0, 2), hours: s.hours }))
      : report.rows;
  const stacked = dims.length === 2;
  const timeSeries = stacked && TIME_DIMENSIONS.includes(dims[1]);

  const categories = new Map<string, string>();
  const seriesTotals = new Map<string, { label: string; total: number; order: string; first: number }>();
  for (const line of lines) {
    const ck = line.keys[0];
    if (!categories.has(keyId(ck))) categories.set(keyId(ck), shortKeyLabel(ck));
    if (stacked) {
      const sk = line.keys[1];
      const cur = seriesTotals.get(keyId(sk)) ?? {
        label: shortKeyLabel(sk),
        total: 0,
        order: sk.id ?? '\uffff',
        first: seriesTotals.size,
      };
      cur.total += line.hours;
      seriesTotals.set(keyId(sk), cur);
    }
  }
  const catIds = [...categories.keys()];
  const catIndex = new Map(catIds.map((id, i) => [id, i]));

  // Names: the largest series by hours are drawn, the rest summed as "Other". Time: every period, in order.
  const ranked = [...seriesTotals.entries()].sort((a, b) => b[1].total - a[1].total);
  const collapse = !timeSeries && ranked.length > MAX_SERIES;
  const kept = new Set((collapse ? ranked.slice(0, MAX_SERIES - 1) : ranked).map(([id]) => id));
  const seriesIds = [...seriesTotals.entries()]
    .filter(([id]) => kept.has(id))
    .sort((a, b) => (timeSeries ? a[1].order.localeCompare(b[1].order) : a[1].first - b[1].first))
    .map(([id]) => id);
  const zeros = () => catIds.map(() => 0);
  const series: ChartSeries[] = stacked
    ? [
        ...seriesIds.map((id) => ({ label: seriesTotals.get(id)?.label ?? id, values: zeros() })),
        ...(collapse ? [{ label: $localize`:the remaining series of a chart:Other`, values: zeros() }] : []),
      ]
    : [{ label: $localize`:chart series:Hours`, values: zeros() }];
  const seriesIndex = new Map(seriesIds.map((id, i) => [id, i]));
  for (const line of lines) {
    const ci = catIndex.get(keyId(line.keys[0])) ?? 0;
    const si = stacked ? (seriesIndex.get(keyId(line.keys[1])) ?? series.length - 1) : 0;
    series[si].values[ci] = round2(series[si].values[ci] + line.hours);
  }
  return {
    categoryDimension: dims[0],
    seriesDimension: stacked ? dims[1] : null,
    categories: catIds.map((id) => categories.get(id) ?? id),
    series,
    horizontal: !TIME_DIMENSIONS.includes(dims[0]),
  };
}

/** A category's name on its axis, cut to what the chart's width leaves it (in full in tooltips and the data table). */
export function axisLabel(label: string, chartWidth: number): string {
  const max = Math.max(10, Math.floor(chartWidth / 24));
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}
