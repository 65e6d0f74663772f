import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import type { ConfigurationExport } from '@timesheets/contracts';
import { DESCRIPTION_MAX, NAME_MAX, PLAIN_NAME, SCOPE_TOKEN } from './validation';

const LIST_MAX = 10_000;

class ImportPermissionDto {
  @IsString()
  @Length(1, NAME_MAX)
  @Matches(SCOPE_TOKEN, { message: 'name must be a scope token' })
  name!: string;

  @IsString()
  @MaxLength(DESCRIPTION_MAX)
  description!: string;
}

class ImportRoleDto {
  @IsString()
  @Length(1, NAME_MAX)
  @Matches(PLAIN_NAME)
  name!: string;

  @IsString()
  @MaxLength(DESCRIPTION_MAX)
  description!: string;

  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  permissions!: string[];
}

class ImportGroupDto {
  @IsString()
  @Length(1, NAME_MAX)
  @Matches(PLAIN_NAME)
  name!: string;

  @IsString()
  @MaxLength(DESCRIPTION_MAX)
  description!: string;

  @ValidateIf((o: ImportGroupDto) => o.parent !== null)
  @IsString()
  parent!: string | null;

  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  roles!: string[];

  @IsArray()
  @ArrayMaxSize(LIST_MAX)
  @IsString({ each: true })
  members!: string[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIST_MAX)
  @IsString({ each: true })
  managers?: string[];
}

class ImportUserDto {
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(320)
  email!: string;

  @ValidateIf((o: ImportUserDto) => o.name !== null)
  @IsString()
  @MaxLength(200)
  name!: string | null;

  @IsBoolean()
  blocked!: boolean;

  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  roles!: string[];

  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  groups!: string[];
}

/** The import file: its shape here; names that must exist and cycles are checked by the service. */
export class ConfigurationImportDto implements ConfigurationExport {
  @ApiProperty({ enum: [1] })
  @IsIn([1], { message: 'version must be 1' })
  version!: 1;

  @ApiProperty({ type: 'array', items: { type: 'object' } })
  @IsArray()
  @ArrayMaxSize(LIST_MAX)
  @ValidateNested({ each: true })
  @Type(() => ImportPermissionDto)
  permissions!: ImportPermissionDto[];

  @ApiProperty({ type: 'array', items: { type: 'object' } })
  @IsArray()
  @ArrayMaxSize(LIST_MAX)
  @ValidateNested({ each: true })
  @Type(() => ImportRoleDto)
  roles!: ImportRoleDto[];

  @ApiProperty({ type: 'array', items: { type: 'object' } })
  @IsArray()
  @ArrayMaxSize(LIST_MAX)
  @ValidateNested({ each: true })
  @Type(() => ImportGroupDto)
  groups!: ImportGroupDto[];

  @ApiProperty({ type: 'array', items: { type: 'object' } })
  @IsArray()
  @ArrayMaxSize(LIST_MAX)
  @ValidateNested({ each: true })
  @Type(() => ImportUserDto)
  users!: ImportUserDto[];
}
