import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ALERT_LEVELS, ALERT_STATUSES, CLOSE_REASONS } from '@vigie/triage';

const TAG = /^[\p{L}\p{N}][\p{L}\p{N} ._:/-]{0,63}$/u;

export class UpdateAlertDto {
  @ApiPropertyOptional({ enum: ALERT_STATUSES })
  @IsOptional()
  @IsIn(ALERT_STATUSES)
  status?: string;

  @ApiPropertyOptional({ enum: CLOSE_REASONS, description: 'Required when closing' })
  @IsOptional()
  @IsString()
  closeReason?: string;

  @ApiPropertyOptional({ description: 'Recorded in the history; required when closing' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  comment?: string;

  @ApiPropertyOptional({ description: 'User name; null to unassign', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  assignee?: string | null;

  @ApiPropertyOptional({ description: 'Replace the triage tags' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @Matches(TAG, { each: true, message: 'tags must be 1-64 letters, digits, space, . _ : / -' })
  tags?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @Matches(TAG, { each: true, message: 'tags must be 1-64 letters, digits, space, . _ : / -' })
  addTags?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  removeTags?: string[];
}

export class CommentDto {
  @ApiProperty({ example: 'Checked with the Ivry network team: scanner run' })
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  text: string;
}

export class BulkFilterDto {
  @ApiPropertyOptional({ enum: ALERT_STATUSES, isArray: true })
  @IsOptional()
  @IsArray()
  @IsIn(ALERT_STATUSES, { each: true })
  status?: string[];

  @ApiPropertyOptional({ enum: ALERT_LEVELS, isArray: true })
  @IsOptional()
  @IsArray()
  @IsIn(ALERT_LEVELS, { each: true })
  level?: string[];

  @ApiPropertyOptional({ isArray: true })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  rule?: string[];

  @ApiPropertyOptional({ isArray: true })
  @IsOptional()
  @IsArray()
  @Matches(/^[a-z0-9][a-z0-9_-]{0,31}$/, { each: true, message: 'member must be member codes' })
  member?: string[];
}

export class BulkAlertsDto {
  @ApiPropertyOptional({ description: 'A selection of alert ids (or give a filter)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  ids?: string[];

  @ApiPropertyOptional({ description: 'Every alert matching (at most 1000), instead of ids' })
  @IsOptional()
  @ValidateNested()
  @Type(() => BulkFilterDto)
  filter?: BulkFilterDto;

  @ApiProperty({ description: 'The change applied to each alert' })
  @ValidateNested()
  @Type(() => UpdateAlertDto)
  change: UpdateAlertDto;
}

export class EscalateDto {
  @ApiPropertyOptional({ description: 'Attach to this incident (id or INC reference) instead of creating one' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  incident?: string;

  @ApiPropertyOptional({ description: 'Title of the new incident; defaults to the rule title and hosts' })
  @IsOptional()
  @IsString()
  @MinLength(3)
  @MaxLength(300)
  title?: string;

  @ApiPropertyOptional({ description: 'ISMS category of the new incident; defaults from the rule’s ATT&CK tags' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  category?: string;

  @ApiPropertyOptional({ description: 'Recorded in the alert history' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  comment?: string;
}
