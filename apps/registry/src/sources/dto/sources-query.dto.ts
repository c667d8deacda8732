import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export class SourcesQueryDto {
  @ApiPropertyOptional({ example: 'now-30d', description: 'Window start: ISO 8601 or date math; default now-30d' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  from?: string;

  @ApiPropertyOptional({ example: 'now', description: 'Window end (exclusive); default now' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  to?: string;

  @ApiPropertyOptional({ example: 'ivry', description: 'One member of my scope; default all of them' })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9_-]{0,31}$/, { message: 'member must be a member code' })
  member?: string;

  @ApiPropertyOptional({ example: '24h', description: 'A host is silent when its last event is older than this' })
  @IsOptional()
  @Matches(/^\d{1,6}[smhdw]$/, { message: 'silentAfter must be a duration like 30m, 24h or 7d' })
  silentAfter?: string;

  @ApiPropertyOptional({ example: 1000, description: 'At most this many hosts per member (most active first)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000)
  size?: number;
}
