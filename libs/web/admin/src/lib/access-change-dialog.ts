import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { AccessPreviewDto, isScope } from '@timesheets/contracts';
import { scopeDescription } from '@timesheets/web-ui';

export interface AccessChangeDialogData {
  /** Whose access changes, as the page names them. */
  user: string;
  /** The change, in words ("Remove the role employee"). */
  change: string;
  preview: AccessPreviewDto;
}

/**
 * A permission in words where the SPA knows it; a permission an admin created has no words here, and the admin area
 * names it as the roles page does.
 */
function describe(permission: string): string {
  return isScope(permission) ? scopeDescription(permission) : permission;
}

/**
 * Shows what a change of a user's roles or groups would leave them with, before it is saved, and warns when that is
 * nothing at all or less than their groups give every member; a change the API would refuse (lockout, escalation) is
 * said so, and cannot be applied. Closes with true to apply the change.
 */
@Component({
  selector: 'ts-access-change-dialog',
  imports: [MatDialogModule, MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title i18n>Change {{ data.user }}'s access?</h2>
    <!-- Focusable: a long list scrolls, and the keyboard must reach it (Apply change may be disabled). -->
    <mat-dialog-content tabindex="0">
      <p>{{ data.change }}.</p>
      @if (data.preview.refusal; as refusal) {
        <div role="alert" class="ts-error" data-testid="access-refusal">
          @if (refusal.reason === 'lockout') {
            <p i18n>
              This change cannot be made: nobody who can still sign in would hold every admin permission. Give someone
              else the admin role first.
            </p>
          } @else {
            <p i18n>This change cannot be made: it would give permissions you do not hold yourself:</p>
            <ul>
              @for (p of refusedPermissions(); track p) {
                <li>{{ p }}</li>
              }
            </ul>
          }
        </div>
      }
      @if (none()) {
        <p role="alert" class="ts-warning" data-testid="access-warning" i18n>
          {{ data.user }} would have no permissions at all: they could no longer sign in to do anything, not even record
          their own time.
        </p>
      } @else if (belowGroup().length) {
        <div role="alert" class="ts-warning" data-testid="access-warning">
          <p i18n>{{ data.user }} would have less than the members of their groups get:</p>
          <ul>
            @for (p of belowGroup(); track p) {
              <li>{{ p }}</li>
            }
          </ul>
        </div>
      }
      @if (removed().length) {
        <p i18n>They would no longer be able to:</p>
        <ul data-testid="access-removed">
          @for (p of removed(); track p) {
            <li>{{ p }}</li>
          }
        </ul>
      }
      <h3 i18n>After this change they can</h3>
      <ul data-testid="access-after">
        @for (p of after(); track p.permission) {
          <li>
            {{ p.text }} <span class="ts-muted">({{ p.source }})</span>
          </li>
        } @empty {
          <li i18n>Nothing.</li>
        }
      </ul>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" [mat-dialog-close]="false" i18n>Cancel</button>
      <button
        mat-flat-button
        type="button"
        [mat-dialog-close]="true"
        [disabled]="!!data.preview.refusal"
        cdkFocusInitial
        i18n
      >
        Apply change
      </button>
    </mat-dialog-actions>
  `,
})
export class AccessChangeDialog {
  protected readonly data = inject<AccessChangeDialogData>(MAT_DIALOG_DATA);
  protected readonly none = computed(() => this.data.preview.effectivePermissions.length === 0);
  protected readonly belowGroup = computed(() => this.data.preview.belowGroupDefaults.map(describe));
  protected readonly removed = computed(() => this.data.preview.removed.map(describe));
  protected readonly refusedPermissions = computed(() => {
    const refusal = this.data.preview.refusal;
    return refusal?.reason === 'escalation' ? refusal.permissions.map(describe) : [];
  });
  protected readonly after = computed(() =>
    this.data.preview.effectivePermissions.map((p) => ({
      permission: p.permission,
      text: describe(p.permission),
      source: p.sources
        .map((s) => {
          const via = s.via.join(' → ');
          return s.via.length
            ? $localize`role ${s.role}:role: through ${via}:groups:`
            : $localize`role ${s.role}:role:`;
        })
        .join('; '),
    })),
  );
}
