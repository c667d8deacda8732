import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { MEMBER_CODE } from './incident.dto';

export class LinksDto {
  @ApiPropertyOptional({ example: ['ivry'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(MEMBER_CODE, { each: true, message: 'members must be member codes' })
  members?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @MaxLength(255, { each: true })
  applications?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  @MaxLength(255, { each: true })
  hosts?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  @MaxLength(255, { each: true })
  alerts?: string[];
}

export const LINK_KINDS = ['members', 'applications', 'hosts', 'alerts'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];
