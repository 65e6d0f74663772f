import { ApiProperty } from '@nestjs/swagger';
import { ValidateIf } from 'class-validator';
import { type SetPeriodLockRequest, TimesheetMessages as M } from '@timesheets/contracts';
import { IsCalendarDate } from './validators';

export class SetPeriodLockDto implements SetPeriodLockRequest {
  @ApiProperty({ format: 'date', nullable: true, type: String, description: 'YYYY-MM-DD; null lifts the lock' })
  @ValidateIf((o: SetPeriodLockDto) => o.lockedThrough !== null)
  @IsCalendarDate({ message: M.lockedThrough })
  lockedThrough!: string | null;
}
