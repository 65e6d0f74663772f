import { ReportMessages, TimesheetLimits as L, TimesheetMessages, TimesheetRuleMessages } from '@timesheets/contracts';

/**
 * The API's messages in the SPA's language. The API writes its validation and rule messages in English from the shared
 * contracts (`TimesheetMessages`, `TimesheetRuleMessages`), full sentences naming their field; the SPA recognises them
 * by their text and shows its own translation (`$localize`, extracted with the rest of the UI). A message it does not
 * know is shown as the API wrote it.
 */
const fixed = new Map<string, () => string>([
  [
    TimesheetMessages.hours,
    () =>
      $localize`Hours must be more than ${L.hoursMin}:min: and at most ${L.hoursMax}:max:, with at most ${L.hoursDecimals}:decimals: decimals.`,
  ],
  [TimesheetMessages.date, () => $localize`Date must be a real date written YYYY-MM-DD.`],
  [TimesheetMessages.projectId, () => $localize`Project must be one of the projects you can book on.`],
  [TimesheetMessages.notes, () => $localize`Notes must be at most ${L.notesMax}:max: characters.`],
  [TimesheetMessages.reason, () => $localize`Reason must be ${L.reasonMin}:min: to ${L.reasonMax}:max: characters.`],
  [
    TimesheetMessages.rejectionReason,
    () => $localize`Reason is required to reject, ${L.reasonMin}:min: to ${L.reasonMax}:max: characters.`,
  ],
  [
    TimesheetMessages.projectCode,
    () =>
      $localize`Code must be ${L.projectCodeMin}:min: to ${L.projectCodeMax}:max: characters: letters, digits, hyphens or underscores, starting with a letter or digit.`,
  ],
  [
    TimesheetMessages.projectName,
    () => $localize`Name must be ${L.projectNameMin}:min: to ${L.projectNameMax}:max: characters.`,
  ],
  [
    TimesheetMessages.customerName,
    () => $localize`Name must be ${L.customerNameMin}:min: to ${L.customerNameMax}:max: characters.`,
  ],
  [TimesheetMessages.weekEntries, () => $localize`Entries must be a list of at most ${L.weekEntriesMax}:max: rows.`],
  [
    TimesheetRuleMessages.projectNotOpen,
    () => $localize`Project is not one you can book on: choose one from your projects.`,
  ],
  [TimesheetRuleMessages.changedMeanwhile, () => $localize`The entry changed meanwhile; reload and try again.`],
  [TimesheetRuleMessages.notYourPerson, () => $localize`Not one of the people you approve for.`],
  [
    TimesheetRuleMessages.decidedMeanwhile,
    () => $localize`Some of these entries were decided or submitted meanwhile; reload and try again.`,
  ],
  [TimesheetRuleMessages.ownEntry, () => $localize`You cannot approve or reject your own entries.`],
  [ReportMessages.outsideReach('person'), () => $localize`Person lists someone whose time you may not report on.`],
  [ReportMessages.outsideReach('group'), () => $localize`Group lists a group whose members you may not report on.`],
  [ReportMessages.tooManyExports, () => $localize`Too many exports are running; try again in a few seconds.`],
  [
    ReportMessages.groupByAggregate,
    () => $localize`Group by must list at least one dimension for an aggregate export.`,
  ],
]);

/** Messages with values: the contract's function, its values read back from the text, and the translation. */
const withValues: { pattern: RegExp; localize: (...v: string[]) => string }[] = [
  {
    pattern: template((a, b) => TimesheetRuleMessages.dailyCap(a, Number(b))),
    localize: (date, total) =>
      $localize`Hours on ${date}:date: would add up to ${total}:total:; at most ${L.dailyHoursMax}:max: hours a day.`,
  },
  {
    pattern: template((a) => TimesheetRuleMessages.locked(a)),
    localize: (date) => $localize`Timesheets are locked through ${date}:date:: nothing on or before it changes.`,
  },
  {
    pattern: template((a) => TimesheetRuleMessages.dateTooLate(a)),
    localize: (date) => $localize`Date must be on or before ${date}:date:, the last day that can be booked now.`,
  },
  {
    pattern: template((a) => TimesheetRuleMessages.projectArchived(a)),
    localize: (code) => $localize`Project ${code}:code: is archived: choose an open project.`,
  },
  {
    pattern: template((a) => TimesheetRuleMessages.nothingToSubmit(a)),
    localize: (week) => $localize`Week ${week}:week: has no drafts to submit.`,
  },
  {
    pattern: template((a) => TimesheetRuleMessages.codeTaken(a)),
    localize: (code) => $localize`Code ${code}:code: is already used by another project.`,
  },
];

/** A regular expression matching what `make` writes, whatever its (up to two) values. */
function template(make: (a: string, b: string) => string): RegExp {
  const text = make('\u0001', '2\u0002');
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escaped.replace('\u0001', '(.+?)').replace('2\u0002', '(\\d+(?:\\.\\d+)?)')}$`);
}

/** The API's message in the SPA's language (unchanged when the SPA does not know it). */
export function localizeApiMessage(message: string): string {
  const known = fixed.get(message);
  if (known) return known();
  for (const m of withValues) {
    const found = m.pattern.exec(message);
    if (found) return m.localize(...found.slice(1));
  }
  return message;
}
