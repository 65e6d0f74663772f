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
        <h2 id="team-weeks-heading">Your team's weeks</h2>
        @if (teamWeekLink(); as q) {
          <a mat-button routerLink="/reports" [queryParams]="q">These two weeks as a chart</a>
        }
      </div>
      <ts-page-state
        [loading]="team.loading()"
        loadingLabel="Loading your team's weeks…"
        [errors]="team.errors()"
        [empty]="!team.loading() && !team.errors().length && team.value()?.people?.length === 0"
        emptyText="Nobody to approve for yet: you manage no group with members."
        (retry)="team.reload()"
      />
      @if (team.value(); as t) {
        @if (t.people.length) {
          <div class="ts-table-scroll">
            <table class="ts-table ts-team-weeks" aria-label="Your team's weeks">
              <thead>
                <tr>
                  <th scope="col">Person</th>
                  @for (w of t.weeks; track w; let i = $index) {
                    <th scope="col">
                      {{ i === 0 ? 'This week' : 'Last week' }}
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
                      <span class="ts-muted ts-expected">{{ hours(p.expectedHours) }} h a week</span>
                    </th>
                    @for (c of p.weeks; track c.week) {
                      <td [attr.data-state]="c.state" [attr.data-submitted]="c.submitted">
                        <span [class]="'ts-week-state ts-week-' + stateClass(c)">
                          @switch (stateClass(c)) {
                            @case ('approved') {
                              Approved
                            }
                            @case ('submitted') {
                              Submitted
                            }
                            @case ('rejected') {
                              Rejected, not resubmitted
                            }
                            @case ('empty') {
                              Nothing recorded
                            }
                            @default {
                              Not submitted
                            }
                          }
                        </span>
                        <span class="ts-week-hours">
                          <meter
                            min="0"
                            [max]="meterMax(c, p.expectedHours)"
                            [value]="c.hours"
                            [attr.aria-label]="
                              hours(c.hours) + ' of ' + hours(p.expectedHours) + ' hours submitted, ' + c.week
                            "
                          ></meter>
                          {{ hours(c.hours) }} of {{ hours(p.expectedHours) }} h
                        </span>
                        @if (c.unsubmittedHours > 0) {
                          <span class="ts-muted ts-unsubmitted">+ {{ hours(c.unsubmittedHours) }} h not submitted</span>
                        }
                      </td>
                    }
                  </tr>
                }
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">Team</th>
                  @for (s of t.totals; track s.week) {
                    <td>
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

  /** A week over the expected fills the meter (an expected week of 0 h too). */
  meterMax(c: TeamWeekCell, expected: number): number {
    return Math.max(expected, c.hours, 1);
  }
}
