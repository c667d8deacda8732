import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { ACTION_SOURCES, ACTION_STATUSES, ActionSource, ActionStatus, REVIEW_RESULTS, ReviewResult } from '@vigie/isms';
import { IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

const MEMBER_CODE = /^[a-z0-9][a-z0-9_-]{0,31}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export class CreateCorrectiveActionDto {
  @ApiProperty({ enum: ACTION_SOURCES }) @IsIn(ACTION_SOURCES) source: ActionSource;

  @ApiPropertyOptional({ description: 'Incident id or reference (required when the source is an incident)' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  incident?: string;

  @ApiPropertyOptional({ description: 'Member concerned (e.g. by an audit finding)' })
  @IsOptional()
  @Matches(MEMBER_CODE, { message: 'member must be a member code' })
  member?: string;

  @ApiProperty({ example: 'Enforce MFA on webmail' }) @IsString() @MinLength(3) @MaxLength(300) title: string;
  @ApiProperty({ description: 'The nonconformity' }) @IsString() @MinLength(3) @MaxLength(20000) nonconformity: string;
  @ApiPropertyOptional({ description: 'Immediate correction (10.2 a)' })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  correction?: string;
  @ApiPropertyOptional({ description: 'Root cause (10.2 b)' })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  rootCause?: string;
  @ApiProperty({ description: 'The corrective action (10.2 c)' })
  @IsString()
  @MinLength(3)
  @MaxLength(20000)
  action: string;
  @ApiProperty({ example: 'DSI - pôle infrastructure' }) @IsString() @MinLength(2) @MaxLength(200) owner: string;

  @ApiPropertyOptional({ example: '2026-06-30' })
  @IsOptional()
  @Matches(DAY, { message: 'dueDate must be YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  dueDate?: string;
}

export class UpdateCorrectiveActionDto extends PartialType(
  PickType(CreateCorrectiveActionDto, [
    'title',
    'nonconformity',
    'correction',
    'rootCause',
    'action',
    'owner',
    'dueDate',
    'member',
  ] as const),
) {}

/** The effectiveness review (10.2 d): required to close. */
export class ReviewDto {
  @ApiProperty({ example: '2026-07-15' })
  @Matches(DAY, { message: 'date must be YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  date: string;

  @ApiProperty({ example: 'Phishing simulation on 200 agents' })
  @IsString()
  @MinLength(3)
  @MaxLength(5000)
  method: string;
  @ApiProperty({ enum: REVIEW_RESULTS }) @IsIn(REVIEW_RESULTS) result: ReviewResult;
  @ApiProperty({ example: 'RSSI' }) @IsString() @MinLength(2) @MaxLength(200) reviewer: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20000) notes?: string;
}

export class ActionStatusDto {
  @ApiProperty({ enum: ACTION_STATUSES }) @IsIn(ACTION_STATUSES) status: ActionStatus;
}

export class ActionQueryDto {
  @ApiPropertyOptional({ enum: ACTION_STATUSES }) @IsOptional() @IsIn(ACTION_STATUSES) status?: string;
  @ApiPropertyOptional({ description: 'Incident id or reference' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  incident?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(MEMBER_CODE) member?: string;
  @ApiPropertyOptional({ enum: ['true', 'false'] }) @IsOptional() @IsIn(['true', 'false']) overdue?: string;
}
