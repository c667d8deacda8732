import { OptionalNestedList } from '@vigie/core';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';

export const HOSTINGS = ['consortium', 'member', 'saas'] as const;
export const VENDOR_ROLES = ['processor', 'sub_processor', 'none'] as const;

export class HostDto {
  @ApiPropertyOptional({ example: 'srv-rh01.siim94.local' })
  @IsOptional()
  @IsString()
  @MaxLength(253)
  hostname?: string;

  @ApiPropertyOptional({ example: '10.20.4.17' })
  @IsOptional()
  @IsString()
  @MaxLength(45)
  ip?: string;
}

export class ApplicationDataDto {
  @ApiProperty({ example: 'health', description: 'Reference code (data category or data subject category)' })
  @IsString()
  @MaxLength(60)
  code: string;

  @ApiPropertyOptional({ example: '12 000 dossiers' })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  volume?: string;

  @ApiPropertyOptional({ description: 'A suggestion awaiting the DPO’s confirmation' })
  @IsOptional()
  @IsBoolean()
  toConfirm?: boolean;
}

export class SecurityMeasureDto {
  @ApiProperty({ example: 'access_control' })
  @IsString()
  @MaxLength(60)
  type: string;

  @ApiProperty({ example: 'Authentification par annuaire, profils par service' })
  @IsString()
  @MaxLength(2000)
  description: string;
}

export class CreateApplicationDto {
  @ApiProperty({ example: 'SEDIT WEB2' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ example: 'BERGER-LEVRAULT' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  vendor?: string;

  @ApiPropertyOptional({ example: 'RH' })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  domain?: string;

  @ApiPropertyOptional({ example: ['Cœur RH'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  functions?: string[];

  @ApiPropertyOptional({ enum: HOSTINGS })
  @IsOptional()
  @IsIn(HOSTINGS)
  hosting?: (typeof HOSTINGS)[number];

  @ApiPropertyOptional({ example: 'FR', description: 'Country where the data is stored (ISO 3166-1 alpha-2)' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'dataLocation must be an ISO 3166-1 alpha-2 code (e.g. FR)' })
  dataLocation?: string;

  @OptionalNestedList(() => HostDto, 500)
  hosts?: HostDto[];

  @ApiPropertyOptional({ example: ['ivry', 'vitry'], description: 'Members using the application' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  members?: string[];

  @OptionalNestedList(() => ApplicationDataDto, 100)
  dataCategories?: ApplicationDataDto[];

  @OptionalNestedList(() => ApplicationDataDto, 100)
  dataSubjects?: ApplicationDataDto[];

  @ApiPropertyOptional({ enum: VENDOR_ROLES })
  @IsOptional()
  @IsIn(VENDOR_ROLES)
  vendorRole?: (typeof VENDOR_ROLES)[number];

  @ApiPropertyOptional({ example: 'Contrat 2021-045, avenant RGPD du 12/03/2021' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  dpaReference?: string;

  @OptionalNestedList(() => SecurityMeasureDto, 50)
  securityMeasures?: SecurityMeasureDto[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  notes?: string;
}

export class UpdateApplicationDto extends PartialType(CreateApplicationDto) {}

export class ConfirmSuggestionsDto {
  @ApiPropertyOptional({ example: ['health'], description: 'Data categories to confirm; all when omitted' })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  dataCategories?: string[];

  @ApiPropertyOptional({ example: ['patients'], description: 'Data subject categories to confirm; all when omitted' })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  dataSubjects?: string[];
}
