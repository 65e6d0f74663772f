import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, ValidateBy, ValidateIf } from 'class-validator';
import { isIsoWeek, isValidWeekHours, ReportMessages as M, type SetGroupWorkWeekRequest } from '@timesheets/contracts';

export class TeamWeeksQueryDto {
  @ApiPropertyOptional({ example: '2026-W50', description: 'Default: the current week' })
  @IsOptional()
  @ValidateBy({ name: 'isIsoWeek', validator: { validate: isIsoWeek, defaultMessage: () => M.week } })
  week?: string;
}

export class SetGroupWorkWeekDto implements SetGroupWorkWeekRequest {
  @ApiProperty({ type: Number, nullable: true, minimum: 0, maximum: 168, description: 'null: inherit' })
  @ValidateIf((o: SetGroupWorkWeekDto) => o.expectedWeekHours !== null)
  @ValidateBy({
    name: 'isWeekHours',
    validator: { validate: isValidWeekHours, defaultMessage: () => M.expectedWeekHours },
  })
  expectedWeekHours!: number | null;
}
