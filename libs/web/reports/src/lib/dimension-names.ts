import { ReportDimension } from '@timesheets/contracts';

/** How the page names each dimension (the select options, the table's column headers, the chart's caption). */
export const DIMENSION_NAMES: Readonly<Record<ReportDimension, string>> = {
  person: 'Person',
  group: 'Group',
  customer: 'Customer',
  project: 'Project',
  billable: 'Billable',
  day: 'Day',
  week: 'Week',
  month: 'Month',
};

/** The chart's caption: `Hours by project, stacked by week`. */
export function chartCaption(groupBy: readonly ReportDimension[]): string {
  const [a, b] = groupBy.map((d) => DIMENSION_NAMES[d].toLowerCase());
  return b ? `Hours by ${a}, stacked by ${b}` : `Hours by ${a}`;
}
