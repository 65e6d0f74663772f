import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { TeamWeekCell, TeamWeeksDto, weekDays } from '@timesheets/contracts';
import { ReportsApi, apiLoader } from '@timesheets/web-data-access';
import { PageState, formatHours, formatWeek, personLabel } from '@timesheets/web-ui';

/**
 * The managers' dashboard: their people's current and last week: who has submitted and who has not, hours against the
 * expected week (their groups' setting, 40 h by default).
 */
@Component({
  selector: 'ts-team-weeks',
  imports: [MatButtonModule, PageState, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="ts-card" aria-labelledby="team-weeks-heading">
      <div class="ts-toolbar">
        <h2 i18n id="team-weeks-heading">Your team's weeks</h2>
        @if (teamWeekLink(); as q) {
          <a i18n mat-button routerLink="/reports" [queryParams]="q">These two weeks as a chart</a>
        }
      </div>
      <ts-page-state
        [loading]="team.loading()"
        loadingLabel="Loading your team's weeks…"
        i18n-loadingLabel
        [errors]="team.errors()"
        [empty]="team.value()?.people?.length === 0"
        emptyText="Nobody to approve for yet: you manage no group with members."
        i18n-emptyText
        (retry)="team.reload()"
      />
      @if (team.value(); as t) {
        @if (t.people.length) {
          <div class="ts-table-scroll">
            <table class="ts-table ts-team-weeks" aria-label="Your team's weeks" i18n-aria-label>
              <thead>
                <tr>
                  <th i18n scope="col">Person</th>
                  @for (w of t.weeks; track w; let i = $index) {
                    <th scope="col">
                      @if (i === 0) {
                        <ng-container i18n>This week</ng-container>
                      } @else {
                        <ng-container i18n>Last week</ng-container>
                      }
                      <span class="ts-muted ts-week-dates">{{ weekLabel(w) }}</span>
                    </th>
                  }
                </tr>
              </thead>
              <tbody>
                @for (p of t.people; track p.person.userId) {
                  <tr>
                    <th scope="row">
                      {{ person(p.person) }}
                      <span i18n class="ts-muted ts-expected">{{ hours(p.expectedHours) }} h a week</span>
                    </th>
                    @for (c of p.weeks; track c.week) {
                      <td [attr.data-state]="c.state" [attr.data-submitted]="c.submitted">
                        <span [class]="'ts-week-state ts-week-' + stateClass(c)">
                          @switch (stateClass(c)) {
                            @case ('approved') {
                              <ng-container i18n>Approved</ng-container>
                            }
                            @case ('submitted') {
                              <ng-container i18n>Submitted</ng-container>
                            }
                            @case ('rejected') {
                              <ng-container i18n>Rejected, not resubmitted</ng-container>
                            }
                            @case ('empty') {
                              <ng-container i18n>Nothing recorded</ng-container>
                            }
                            @default {
                              <ng-container i18n>Not submitted</ng-container>
                            }
                          }
                        </span>
                        <span class="ts-week-hours">
                          <meter
                            min="0"
                            [max]="meterMax(c, p.expectedHours)"
                            [value]="c.hours"
                            [attr.aria-label]="meterLabel(c, p.expectedHours)"
                          ></meter>
                          <ng-container i18n>{{ hours(c.hours) }} of {{ hours(p.expectedHours) }} h</ng-container>
                        </span>
                        @if (c.unsubmittedHours > 0) {
                          <span i18n class="ts-muted ts-unsubmitted"
                            >+ {{ hours(c.unsubmittedHours) }} h not submitted</span
                          >
                        }
                      </td>
                    }
                  </tr>
                }
              </tbody>
              <tfoot>
                <tr>
                  <th i18n scope="row">Team</th>
                  @for (s of t.totals; track s.week) {
                    <td i18n>
                      {{ s.submitted }} of {{ s.people }} submitted · {{ hours(s.hours) }} of
                      {{ hours(s.expectedHours) }} h
                    </td>
                  }
                </tr>
              </tfoot>
            </table>
          </div>
        }
      }
    </section>
  `,
  styles: `
    .ts-week-dates,
    .ts-expected,
    .ts-unsubmitted,
    .ts-week-hours,
    .ts-week-state {
      display: block;
      font-weight: normal;
      font-size: 13px;
    }
    .ts-week-state {
      font-weight: 600;
      font-size: 14px;
    }
    .ts-week-approved,
    .ts-week-submitted {
      color: #0b5d1e;
    }
    .ts-week-rejected {
      color: #8c1d18;
    }
    .ts-week-draft,
    .ts-week-empty {
      color: #6a4f00;
    }
    meter {
      width: 96px;
      margin-right: 6px;
      vertical-align: middle;
    }
  `,
})
export class TeamWeeks {
  private readonly api = inject(ReportsApi);
  protected readonly hours = formatHours;
  protected readonly weekLabel = formatWeek;
  protected readonly person = personLabel;

  readonly team = apiLoader({ load: () => this.api.teamWeeks(), initial: null as TeamWeeksDto | null });

  /** The reports page on the two weeks shown, by person and week (the team's weeks as a chart). */
  readonly teamWeekLink = computed(() => {
    const weeks = this.team.value()?.weeks;
    if (!weeks) return null;
    return { from: weekDays(weeks[1])[0], to: weekDays(weeks[0])[6], groupBy: 'person,week' };
  });

  /** Who has submitted, who has not: the word a cell shows. */
  stateClass(c: TeamWeekCell): 'approved' | 'submitted' | 'rejected' | 'empty' | 'draft' {
    if (c.submitted) return c.state === 'approved' ? 'approved' : 'submitted';
    if (c.state === 'rejected' || c.state === 'empty') return c.state;
    return 'draft';
  }

  /** The meter's name: `32 of 40 hours submitted, 2026-W49`. */
  meterLabel(c: TeamWeekCell, expected: number): string {
    return $localize`${formatHours(c.hours)}:hours: of ${formatHours(expected)}:expected: hours submitted, ${c.week}:week:`;
  }

  /** A week over the expected fills the meter (an expected week of 0 h too). */
  meterMax(c: TeamWeekCell, expected: number): number {
    return Math.max(expected, c.hours, 1);
  }
}
