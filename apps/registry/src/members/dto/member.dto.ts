import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';

export const MEMBER_TYPES = [
  'city',
  'territorial_body',
  'housing_office',
  'public_body',
  'theatre',
  'consortium',
  'other',
] as const;

export class CreateMemberDto {
  @ApiProperty({ example: 'ivry', description: 'Short code: lower-case letters, digits, - and _' })
  @Matches(/^[a-z0-9][a-z0-9_-]{0,31}$/, { message: 'code must be 1-32 lower-case letters, digits, - or _' })
  code: string;

  @ApiProperty({ example: 'Ville d’Ivry-sur-Seine' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: MEMBER_TYPES })
  @IsIn(MEMBER_TYPES)
  type: (typeof MEMBER_TYPES)[number];

  @ApiPropertyOptional({ example: '219400413', type: String, nullable: true, description: 'null clears it' })
  @IsOptional()
  @Matches(/^\d{9}$/, { message: 'siren must be 9 digits' })
  siren?: string | null;

  @ApiPropertyOptional({
    example: ['10.20.0.0/16'],
    description: 'Networks whose syslog is attributed to this member (CIDR)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  networks?: string[];

  @ApiPropertyOptional({ example: 'Europe/Paris' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  timeZone?: string;

  @ApiPropertyOptional({ example: 365 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  retentionDays?: number;
}

export class UpdateMemberDto extends PartialType(CreateMemberDto) {}
