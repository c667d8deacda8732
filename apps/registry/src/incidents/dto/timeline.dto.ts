import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TIMELINE_KINDS, TimelineKind } from '@vigie/isms';
import { IsBase64, IsIn, IsISO8601, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';

export class TimelineEntryDto {
  @ApiProperty({ enum: TIMELINE_KINDS })
  @IsIn(TIMELINE_KINDS)
  kind: TimelineKind;

  @ApiProperty({ example: 'Isolated the file server from the network' })
  @IsString()
  @MinLength(1)
  @MaxLength(20000)
  body: string;

  @ApiPropertyOptional({ description: 'When it happened; defaults to now' })
  @IsOptional()
  @IsISO8601({ strict: true })
  occurredAt?: string;

  @ApiPropertyOptional({ description: 'Id of the entry this one corrects (entries are never edited)' })
  @IsOptional()
  @IsUUID()
  corrects?: string;
}

/** Evidence as JSON (base64), or the text fields of a multipart upload whose file part is `file`. */
export class EvidenceUploadDto {
  @ApiPropertyOptional({ example: 'firewall-export.csv', description: 'JSON upload: file name' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  filename?: string;

  @ApiPropertyOptional({ example: 'text/csv' })
  @IsOptional()
  @IsString()
  @MaxLength(160)
  contentType?: string;

  @ApiPropertyOptional({ description: 'JSON upload: the file, base64' })
  @IsOptional()
  @IsBase64()
  contentBase64?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;
}
