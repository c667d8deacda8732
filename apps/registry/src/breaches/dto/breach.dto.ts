import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { NOTIFICATION_PHASES, NotificationPhase, RISK_LEVELS, RiskLevel } from '@vigie/isms';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';

const MEMBER_CODE = /^[a-z0-9][a-z0-9_-]{0,31}$/;

export class OpenBreachDto {
  @ApiProperty({ description: 'When the consortium (processor) became aware of the breach' })
  @IsISO8601({ strict: true })
  consortiumAwareAt: string;

  @ApiProperty({ example: 'Encryption of the HR file server by ransomware; copies of payslips possibly exfiltrated' })
  @IsString()
  @MinLength(3)
  @MaxLength(20000)
  nature: string;

  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) subjectsApprox?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) recordsApprox?: number;

  @ApiPropertyOptional({ description: 'Controllers concerned; defaults to the members the incident affects' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(MEMBER_CODE, { each: true, message: 'members must be member codes' })
  members?: string[];
}

export class UpdateBreachDto extends PartialType(
  PickType(OpenBreachDto, ['consortiumAwareAt', 'nature', 'subjectsApprox', 'recordsApprox'] as const),
) {}

/** The processor telling a controller (Art. 33(2)). */
export class NoticeDto {
  @ApiProperty({ example: 'ivry' })
  @Matches(MEMBER_CODE, { message: 'member must be a member code' })
  member: string;

  @ApiProperty() @IsISO8601({ strict: true }) sentAt: string;

  @ApiPropertyOptional({ description: 'Who sent it; defaults to the caller' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  sentBy?: string;

  @ApiPropertyOptional({ example: 'email to dpo@ivry94.fr' }) @IsOptional() @IsString() @MaxLength(80) channel?: string;

  @ApiProperty() @IsString() @MinLength(1) @MaxLength(20000) content: string;

  @ApiPropertyOptional({ description: 'When the controller became aware; defaults to sentAt when not yet recorded' })
  @IsOptional()
  @IsISO8601({ strict: true })
  controllerAwareAt?: string;
}

export class AwarenessDto {
  @ApiProperty({ description: 'When the controller became aware: its 72 h start then' })
  @IsISO8601({ strict: true })
  awareAt: string;
}

export class RiskAssessmentDto {
  @ApiProperty({ enum: RISK_LEVELS }) @IsIn(RISK_LEVELS) risk: RiskLevel;

  @ApiProperty({ description: 'Why; for `none`, the reason the breach is not notified (kept in the register)' })
  @IsString()
  @MinLength(3)
  @MaxLength(20000)
  rationale: string;

  @ApiPropertyOptional({ description: 'Art. 34(3)(a): data unintelligible (encryption)' })
  @IsOptional()
  @IsBoolean()
  encrypted?: boolean;
  @ApiPropertyOptional({ description: 'Art. 34(3)(b): measures make the high risk no longer likely' })
  @IsOptional()
  @IsBoolean()
  mitigated?: boolean;
  @ApiPropertyOptional({ description: 'Art. 34(3)(c): disproportionate effort: public communication' })
  @IsOptional()
  @IsBoolean()
  disproportionateEffort?: boolean;

  @ApiPropertyOptional({ description: 'Controllers assessed; defaults to all of the breach' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(MEMBER_CODE, { each: true, message: 'members must be member codes' })
  members?: string[];
}

/** A notification to the CNIL with the Art. 33(3) contents; phased notifications are allowed (Art. 33(4)). */
export class NotificationDto {
  @ApiProperty({ example: 'ivry' }) @Matches(MEMBER_CODE, { message: 'member must be a member code' }) member: string;
  @ApiProperty({ enum: NOTIFICATION_PHASES }) @IsIn(NOTIFICATION_PHASES) phase: NotificationPhase;
  @ApiProperty() @IsISO8601({ strict: true }) sentAt: string;
  @ApiPropertyOptional({ example: 'CNIL-NOT-2026-012345' })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  cnilReference?: string;
  @ApiPropertyOptional({ description: '(a) nature, categories of subjects and records' })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  nature?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) subjectsApprox?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) recordsApprox?: number;
  @ApiPropertyOptional({ description: '(b) DPO or contact point' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  dpoContact?: string;
  @ApiPropertyOptional({ description: '(c) likely consequences' })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  consequences?: string;
  @ApiPropertyOptional({ description: '(d) measures taken or proposed' })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  measures?: string;
  @ApiPropertyOptional({ description: 'Reasons for the delay, required past the 72 h' })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  lateJustification?: string;
}

export class SubjectCommunicationDto {
  @ApiProperty() @IsISO8601({ strict: true }) sentAt: string;
  @ApiProperty({ example: 'letter' }) @IsString() @MinLength(2) @MaxLength(200) method: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(20000) content: string;
}
