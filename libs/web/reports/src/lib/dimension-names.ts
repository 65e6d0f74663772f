import { ReportDimension } from '@timesheets/contracts';

/** How the page names each dimension (the select options, the table's column headers, the chart's caption). */
export const DIMENSION_NAMES: Readonly<Record<ReportDimension, string>> = {
  person: $localize`:report dimension:Person`,
  group: $localize`:report dimension:Group`,
  customer: $localize`:report dimension:Customer`,
  project: $localize`:report dimension:Project`,
  billable: $localize`:report dimension:Billable`,
  day: $localize`:report dimension:Day`,
  week: $localize`:report dimension:Week`,
  month: $localize`:report dimension:Month`,
};

/**
 * The chart's caption: `Hours by project, stacked by week`. Whole sentences per language: the names of the
 * dimensions inside them are written as the sentence needs them (German nouns keep their capitals, English ones not).
 */
export function chartCaption(groupBy: readonly ReportDimension[]): string {
  const [a, b] = groupBy.map((d) => DIMENSION_IN_SENTENCE[d]());
  return b ? $localize`Hours by ${a}:first:, stacked by ${b}:second:` : $localize`Hours by ${a}:first:`;
}

/** A dimension's name inside a sentence ("Hours by project"). */
const DIMENSION_IN_SENTENCE: Readonly<Record<ReportDimension, () => string>> = {
  person: () => $localize`:report dimension, inside a sentence:person`,
  group: () => $localize`:report dimension, inside a sentence:group`,
  customer: () => $localize`:report dimension, inside a sentence:customer`,
  project: () => $localize`:report dimension, inside a sentence:project`,
  billable: () => $localize`:report dimension, inside a sentence:billable or not`,
  day: () => $localize`:report dimension, inside a sentence:day`,
  week: () => $localize`:report dimension, inside a sentence:week`,
  month: () => $localize`:report dimension, inside a sentence:month`,
};
