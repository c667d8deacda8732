import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ALERT_LEVELS, ALERT_STATUSES } from '@vigie/triage';

/** `a,b` or repeated `?x=a&x=b` → `['a', 'b']`. */
const list = ({ value }: { value: unknown }) =>
  value === undefined
    ? undefined
    : (Array.isArray(value) ? value : [value])
        .flatMap((v) => String(v).split(','))
        .map((s) => s.trim())
        .filter(Boolean);
const bool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class AlertQueryDto {
  @ApiPropertyOptional({ description: 'Statuses, comma-separated', example: 'open,acknowledged' })
  @IsOptional()
  @Transform(list)
  @IsIn(ALERT_STATUSES, { each: true })
  status?: string[];

  @ApiPropertyOptional({ description: 'Levels, comma-separated', example: 'high,critical' })
  @IsOptional()
  @Transform(list)
  @IsIn(ALERT_LEVELS, { each: true })
  level?: string[];

  @ApiPropertyOptional({ description: 'Rule ids, comma-separated' })
  @IsOptional()
  @Transform(list)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  rule?: string[];

  @ApiPropertyOptional({ description: 'Member codes, comma-separated' })
  @IsOptional()
  @Transform(list)
  @IsString({ each: true })
  @MaxLength(32, { each: true })
  member?: string[];

  @ApiPropertyOptional({ description: 'Assignee user name; `none` for unassigned alerts' })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  assignee?: string;

  @ApiPropertyOptional({ description: 'Application id or name' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  application?: string;

  @ApiPropertyOptional({ description: 'Only alerts whose hosts process personal data (true) or not (false)' })
  @IsOptional()
  @Transform(bool)
  @IsBoolean()
  personalData?: boolean;

  @ApiPropertyOptional({ description: 'Last event at or after (ISO 8601)' })
  @IsOptional()
  @IsISO8601()
  from?: string;

  @ApiPropertyOptional({ description: 'First event before (ISO 8601)' })
  @IsOptional()
  @IsISO8601()
  to?: string;

  @ApiPropertyOptional({ description: 'Words searched in rule, group key, hosts, tags, assignee, close comment' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ description: 'Triage tag' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  tag?: string;

  @ApiPropertyOptional({ default: 50, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100000)
  offset?: number;
}

export class AlertStatsQueryDto {
  @ApiPropertyOptional({ description: 'Alerts opened at or after (ISO 8601); default 30 days ago' })
  @IsOptional()
  @IsISO8601()
  from?: string;

  @ApiPropertyOptional({ description: 'Alerts opened before (ISO 8601); default now' })
  @IsOptional()
  @IsISO8601()
  to?: string;

  @ApiPropertyOptional({ description: 'Member codes, comma-separated' })
  @IsOptional()
  @Transform(list)
  @IsString({ each: true })
  @MaxLength(32, { each: true })
  member?: string[];
}

export class AlertEventsQueryDto {
  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  cursor?: string;
}
