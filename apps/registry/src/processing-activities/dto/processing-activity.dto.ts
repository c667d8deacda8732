import { OptionalNestedList } from '@vigie/core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  Min,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { DPIA_STATUSES, RETENTION_FATES } from '@vigie/gdpr';

export class PartyDto {
  @ApiProperty({ example: 'DPO mutualisé SIIM94 / EPT GOSB' })
  @IsString()
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'dpo@siim94.net' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  contact?: string | null;
}

export class DataSubjectDto {
  @ApiProperty({ example: 'patients' })
  @IsString()
  @MaxLength(60)
  code: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: '8 000' })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  volume?: string | null;
}

export class DataCategoryDto {
  @ApiProperty({ example: 'health' })
  @IsString()
  @MaxLength(60)
  code: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Antécédents, prescriptions' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '20 ans après le dernier passage' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  retentionPeriod?: string | null;

  @ApiPropertyOptional({ nullable: true, enum: RETENTION_FATES })
  @IsOptional()
  @IsIn(RETENTION_FATES)
  retentionFate?: (typeof RETENTION_FATES)[number] | null;
}

export class RecipientDto {
  @ApiProperty({ example: 'internal_service' })
  @IsString()
  @MaxLength(60)
  type: string;

  @ApiProperty({ example: 'Service ressources humaines' })
  @IsString()
  @MaxLength(300)
  name: string;

  @ApiProperty()
  @IsBoolean()
  internal: boolean;
}

export class TransferDto {
  @ApiProperty({ example: 'Éditeur (support)' })
  @IsString()
  @MaxLength(300)
  recipient: string;

  @ApiProperty({ example: 'US' })
  @IsString()
  @MaxLength(2)
  country: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'standard_contractual_clauses' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  safeguard?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  documentation?: string | null;
}

export class ActivitySecurityMeasureDto {
  @ApiProperty({ example: 'access_control' })
  @IsString()
  @MaxLength(60)
  type: string;

  @ApiProperty({ example: 'Comptes nominatifs, profils par service' })
  @IsString()
  @MaxLength(2000)
  description: string;
}

export class DpiaDto {
  @ApiPropertyOptional({ example: ['sensitive_data', 'vulnerable_subjects'] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  criteria?: string[];

  @ApiPropertyOptional({ example: ['health_care_establishment'] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  cnilTypes?: string[];

  @ApiPropertyOptional({ enum: DPIA_STATUSES })
  @IsOptional()
  @IsIn(DPIA_STATUSES)
  status?: (typeof DPIA_STATUSES)[number];

  @ApiPropertyOptional({ type: String, nullable: true, example: '2024-03-01' })
  @IsOptional()
  @IsISO8601({ strict: true })
  date?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'AIPD-2024-03' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  reference?: string | null;
}

/** Every field is optional on a draft; completeness is checked on submit and validate. */
export class ActivityFieldsDto {
  @ApiPropertyOptional({ example: 'ivry-T001' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,59}$/, { message: 'reference must be 1-60 letters, digits, . _ or -' })
  reference?: string;

  @ApiPropertyOptional({ type: [String], example: ['Gestion de la paie des agents'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MaxLength(1000, { each: true })
  purposes?: string[];

  @ApiPropertyOptional({ type: String, nullable: true, example: 'public_task' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  legalBasis?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Code général de la fonction publique' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  legalBasisJustification?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'health_social_care' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  art9Condition?: string | null;

  @OptionalNestedList(() => PartyDto, 20)
  jointControllers?: PartyDto[];

  @ApiPropertyOptional({ nullable: true, type: PartyDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => PartyDto)
  dpo?: PartyDto | null;

  @OptionalNestedList(() => DataSubjectDto, 50)
  dataSubjects?: DataSubjectDto[];

  @OptionalNestedList(() => DataCategoryDto, 50)
  dataCategories?: DataCategoryDto[];

  @OptionalNestedList(() => RecipientDto, 100)
  recipients?: RecipientDto[];

  @OptionalNestedList(() => TransferDto, 50)
  transfers?: TransferDto[];

  @OptionalNestedList(() => ActivitySecurityMeasureDto, 50)
  securityMeasures?: ActivitySecurityMeasureDto[];

  @ApiPropertyOptional({ type: [String], description: 'Applications used (ids from /api/v1/applications)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  applicationIds?: string[];

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Collectées auprès de l’agent et de son employeur précédent' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  dataSource?: string | null;

  @ApiPropertyOptional({ type: Boolean, nullable: true })
  @IsOptional()
  @IsBoolean()
  collectionMandatory?: boolean | null;

  @ApiPropertyOptional({ type: Boolean, nullable: true })
  @IsOptional()
  @IsBoolean()
  automatedDecision?: boolean | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  automatedDecisionDetails?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Auprès du DPO : dpo@siim94.net, ou par courrier' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  rightsExercise?: string | null;

  @ApiPropertyOptional({ type: DpiaDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => DpiaDto)
  dpia?: DpiaDto;

  @ApiPropertyOptional({ type: String, nullable: true, example: '2026-01-31' })
  @IsOptional()
  @IsISO8601({ strict: true })
  nextReviewDate?: string | null;
}

export class CreateActivityDto extends ActivityFieldsDto {
  @ApiProperty({ example: 'Gestion de la paie' })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  name: string;
}

export class UpdateActivityDto extends ActivityFieldsDto {
  @ApiPropertyOptional({ example: 'Gestion de la paie' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  name?: string;

  @ApiPropertyOptional({ description: 'Refuse the change (409) unless the record is still at this version' })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}

export class ActivityTransitionDto {
  @ApiPropertyOptional({ example: 'Relu avec la DRH' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

export class DraftsFromApplicationsDto {
  @ApiPropertyOptional({
    type: [String],
    description:
      'Applications to draft records from; default: every application the member uses that no record covers yet',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  applicationIds?: string[];
}
