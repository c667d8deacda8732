import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Matches } from 'class-validator';

export class CreateEvidenceExportDto {
  @ApiProperty({
    example: '2025-01-01',
    description: 'Start of the period (inclusive), ISO 8601, UTC unless an offset is given',
  })
  @IsISO8601()
  from: string;

  @ApiProperty({ example: '2026-01-01', description: 'End of the period (exclusive)' })
  @IsISO8601()
  to: string;

  @ApiPropertyOptional({ example: 'ivry', description: 'One member; every member in your scope when omitted' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9-]{0,31}$/, { message: 'member must be a member code' })
  member?: string;
}
