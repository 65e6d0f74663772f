import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import type { PolicyRequest } from '@timesheets/contracts';

export class PolicyRequestDto implements PolicyRequest {
  @ApiProperty({ maxLength: 255 })
  @IsString()
  @Length(1, 255)
  subject!: string;

  @ApiProperty({ example: 'http://localhost:3334', maxLength: 2048 })
  @IsString()
  @Length(1, 2048)
  issuer!: string;

  @ApiPropertyOptional({ nullable: true, maxLength: 320 })
  @IsOptional()
  @IsString()
  @MaxLength(320)
  email?: string | null;

  @ApiPropertyOptional({
    description:
      'The provider has verified that the subject controls `email`; required to claim a pre-provisioned user. Absent means false.',
    default: false,
  })
  @IsOptional()
  @IsBoolean()
  emailVerified?: boolean;

  @ApiPropertyOptional({ nullable: true, maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string | null;

  @ApiPropertyOptional({ nullable: true, maxLength: 255 })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  clientId?: string | null;
}
