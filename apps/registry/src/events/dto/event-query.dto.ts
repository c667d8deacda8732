import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

const MEMBER_CODE = /^[a-z0-9][a-z0-9_-]{0,31}$/;

/** What every event read shares: a KQL query, a time window and a member. */
export class EventQueryDto {
  @ApiPropertyOptional({
    example: 'event.dataset:sshd and source.ip:10.0.0.0/8 and not user.name:svc_*',
    description:
      'KQL subset: field:value, "phrases", wildcards *, ranges (>=, <), AND/OR/NOT, ( ), CIDR, bare words on message',
  })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  q?: string;

  @ApiPropertyOptional({ example: 'now-24h', description: 'Inclusive start: ISO 8601 or date math; default now-24h' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  from?: string;

  @ApiPropertyOptional({ example: 'now', description: 'Exclusive end: ISO 8601 or date math; default now' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  to?: string;

  @ApiPropertyOptional({ example: 'ivry', description: 'One member of my scope; default all of them' })
  @IsOptional()
  @Matches(MEMBER_CODE, { message: 'member must be a member code' })
  member?: string;
}

export class SearchEventsDto extends EventQueryDto {
  @ApiPropertyOptional({ example: 50, description: 'Page size, 1-1000 (default 50)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  size?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page (keeps its time window)' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  cursor?: string;

  @ApiPropertyOptional({ enum: ['desc', 'asc'], description: 'By @timestamp then event.id; default desc' })
  @IsOptional()
  @IsIn(['desc', 'asc'])
  order?: 'desc' | 'asc';
}

export class HistogramDto extends EventQueryDto {
  @ApiPropertyOptional({ example: '1h', description: 'Bucket width: 30s, 1m, 1h, 1d, 1w or auto (about 60 buckets)' })
  @IsOptional()
  @Matches(/^(auto|\d{1,6}[smhdw])$/, { message: 'interval must be like 30s, 1m, 1h, 1d or auto' })
  interval?: string;
}

export class TopDto extends EventQueryDto {
  @ApiPropertyOptional({ example: 'source.ip', description: 'Field to count values of; default host.hostname' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  field?: string;

  @ApiPropertyOptional({ example: 10, description: 'Number of values, 1-100 (default 10)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  size?: number;
}
