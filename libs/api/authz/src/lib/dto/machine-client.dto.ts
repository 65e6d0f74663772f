import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import {
  IMPORTED_ENTRY_STATUSES,
  MACHINE_SCOPES,
  MachineClientLimits,
  type ClientPolicyRequest,
  type CreateMachineClientRequest,
  type ImportedEntryStatus,
  type IssuedClientSecretDto,
  type MachineClientDto,
  type MachineScope,
  type RotateClientSecretRequest,
  type UpdateMachineClientRequest,
} from '@timesheets/contracts';
import { PLAIN_NAME, Trim } from './validation';

const NAME_MESSAGE = `name must be 1 to ${MachineClientLimits.nameMax} characters`;
const SCOPES_MESSAGE = `scopes must list machine scopes (${MACHINE_SCOPES.join(', ')})`;
const STATUS_MESSAGE = `importStatus must be one of ${IMPORTED_ENTRY_STATUSES.join(', ')}`;

export class CreateMachineClientDto implements CreateMachineClientRequest {
  @ApiProperty({ example: 'Badge reader', maxLength: MachineClientLimits.nameMax })
  @Trim()
  @IsString({ message: NAME_MESSAGE })
  @Length(1, MachineClientLimits.nameMax, { message: NAME_MESSAGE })
  @Matches(PLAIN_NAME, { message: NAME_MESSAGE })
  name!: string;

  @ApiProperty({ enum: MACHINE_SCOPES, isArray: true, example: ['import:timesheets'] })
  @IsArray({ message: SCOPES_MESSAGE })
  @ArrayMinSize(1, { message: SCOPES_MESSAGE })
  @ArrayMaxSize(MACHINE_SCOPES.length * 2, { message: SCOPES_MESSAGE })
  @IsIn(MACHINE_SCOPES, { each: true, message: SCOPES_MESSAGE })
  scopes!: MachineScope[];

  @ApiPropertyOptional({ enum: IMPORTED_ENTRY_STATUSES, default: 'draft' })
  @IsOptional()
  @IsIn(IMPORTED_ENTRY_STATUSES, { message: STATUS_MESSAGE })
  importStatus?: ImportedEntryStatus;
}

export class UpdateMachineClientDto implements UpdateMachineClientRequest {
  @ApiPropertyOptional({ maxLength: MachineClientLimits.nameMax })
  @ValidateIf((o: UpdateMachineClientDto) => o.name !== undefined)
  @Trim()
  @IsString({ message: NAME_MESSAGE })
  @Length(1, MachineClientLimits.nameMax, { message: NAME_MESSAGE })
  @Matches(PLAIN_NAME, { message: NAME_MESSAGE })
  name?: string;

  @ApiPropertyOptional({ enum: MACHINE_SCOPES, isArray: true })
  @ValidateIf((o: UpdateMachineClientDto) => o.scopes !== undefined)
  @IsArray({ message: SCOPES_MESSAGE })
  @ArrayMinSize(1, { message: SCOPES_MESSAGE })
  @ArrayMaxSize(MACHINE_SCOPES.length * 2, { message: SCOPES_MESSAGE })
  @IsIn(MACHINE_SCOPES, { each: true, message: SCOPES_MESSAGE })
  scopes?: MachineScope[];

  @ApiPropertyOptional({ enum: IMPORTED_ENTRY_STATUSES })
  @ValidateIf((o: UpdateMachineClientDto) => o.importStatus !== undefined)
  @IsIn(IMPORTED_ENTRY_STATUSES, { message: STATUS_MESSAGE })
  importStatus?: ImportedEntryStatus;
}

export class RotateClientSecretDto implements RotateClientSecretRequest {
  @ApiPropertyOptional({
    description:
      'Seconds the secret in use keeps working (0 ends it now, e.g. after a leak); default CLIENT_SECRET_OVERLAP_SECONDS',
    minimum: 0,
    maximum: MachineClientLimits.overlapMaxSeconds,
  })
  @IsOptional()
  @IsInt({ message: 'overlapSeconds must be a whole number of seconds' })
  @Min(0, { message: 'overlapSeconds must be 0 or more' })
  @Max(MachineClientLimits.overlapMaxSeconds, {
    message: `overlapSeconds must be at most ${MachineClientLimits.overlapMaxSeconds} (30 days)`,
  })
  overlapSeconds?: number;
}

export class ClientPolicyRequestDto implements ClientPolicyRequest {
  @ApiProperty({ maxLength: 255 })
  @IsString()
  @Length(1, 255)
  clientId!: string;

  @ApiProperty({ maxLength: 255 })
  @IsString()
  @Length(1, 255)
  clientSecret!: string;
}

/** Response shapes, for the OpenAPI document. */
export class MachineClientResponse implements MachineClientDto {
  @ApiProperty({ example: 'mc_Q2xpZW50SWRFeGFtcGxlMA' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: MACHINE_SCOPES, isArray: true }) scopes!: MachineScope[];
  @ApiProperty({ enum: IMPORTED_ENTRY_STATUSES }) importStatus!: ImportedEntryStatus;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, nullable: true }) createdBy!: string | null;
  @ApiProperty({ format: 'date-time' }) secretIssuedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) previousSecretExpiresAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt!: string | null;
}

export class IssuedClientSecretResponse implements IssuedClientSecretDto {
  @ApiProperty({ type: MachineClientResponse }) client!: MachineClientResponse;
  @ApiProperty({ description: 'Shown this once; only its hash is stored', example: 'mcs_…' }) clientSecret!: string;
}

export class ClientPolicyResponseDto {
  @ApiProperty() active!: boolean;
  @ApiPropertyOptional() clientId?: string;
  @ApiPropertyOptional() name?: string;
  @ApiPropertyOptional({ enum: MACHINE_SCOPES, isArray: true }) scopes?: MachineScope[];
}
