import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { ALERT_LEVELS } from '@vigie/triage';

const URL_OPTIONS = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

export class CreateChannelDto {
  @ApiProperty({ example: 'SOC webhook' })
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  name: string;

  @ApiProperty({ enum: ['webhook', 'email'] })
  @IsIn(['webhook', 'email'])
  kind: 'webhook' | 'email';

  @ApiPropertyOptional({ example: 'https://soc.example.org/hooks/vigie', description: 'Webhook URL (kind webhook)' })
  @ValidateIf((o: CreateChannelDto) => o.kind === 'webhook' || o.url !== undefined)
  @IsUrl(URL_OPTIONS)
  @MaxLength(2000)
  url?: string;

  @ApiPropertyOptional({
    description: 'HMAC-SHA256 signing key (16+ characters); generated and shown once when absent',
  })
  @IsOptional()
  @IsString()
  @MinLength(16)
  @MaxLength(200)
  secret?: string;

  @ApiPropertyOptional({ example: ['rssi@example.org'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsEmail({}, { each: true })
  recipients?: string[];

  @ApiPropertyOptional({ description: 'Also email the referents of the alert’s members (kind email)' })
  @IsOptional()
  @IsBoolean()
  includeReferents?: boolean;

  @ApiPropertyOptional({ description: '0: one email per alert; N: one digest every N minutes (kind email)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1440)
  digestMinutes?: number;

  @ApiPropertyOptional({ example: ['ivry'], description: 'Only these members’ alerts; empty = every member' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @Matches(/^[a-z0-9][a-z0-9_-]{0,31}$/, { each: true, message: 'members must be member codes' })
  members?: string[];

  @ApiPropertyOptional({ enum: ALERT_LEVELS, nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsIn(ALERT_LEVELS)
  minLevel?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class UpdateChannelDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(2) @MaxLength(120) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsUrl(URL_OPTIONS) @MaxLength(2000) url?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(16) @MaxLength(200) secret?: string;
  @ApiPropertyOptional() @IsOptional() @IsArray() @ArrayMaxSize(50) @IsEmail({}, { each: true }) recipients?: string[];
  @ApiPropertyOptional() @IsOptional() @IsBoolean() includeReferents?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(1440) digestMinutes?: number;
  @ApiPropertyOptional()
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @Matches(/^[a-z0-9][a-z0-9_-]{0,31}$/, { each: true, message: 'members must be member codes' })
  members?: string[];
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsIn(ALERT_LEVELS)
  minLevel?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() enabled?: boolean;
}
