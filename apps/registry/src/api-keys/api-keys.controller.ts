import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Roles } from '@vigie/auth';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { ApiKeysService } from './api-keys.service';

export class CreateApiKeyDto {
  @ApiProperty({ example: 'ivry' })
  @Matches(/^[a-z0-9][a-z0-9_-]{0,31}$/, { message: 'member must be a member code' })
  member: string;

  @ApiProperty({ example: 'nxlog-dc01' })
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  name: string;
}

@ApiTags('api-keys')
@Controller('api/v1/api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Get()
  @Roles('admin', 'rssi', 'referent', 'auditor')
  @ApiOperation({ summary: 'API keys in my scope (metadata only)' })
  list() {
    return this.keys.list();
  }

  @Post()
  @Roles('admin', 'rssi', 'referent')
  @ApiOperation({ summary: 'Create an API key for a member; the key is shown once' })
  create(@Body() dto: CreateApiKeyDto) {
    return this.keys.create(dto.member, dto.name);
  }

  @Delete(':id')
  @Roles('admin', 'rssi', 'referent')
  @ApiOperation({ summary: 'Revoke an API key' })
  revoke(@Param('id', ParseUUIDPipe) id: string) {
    return this.keys.revoke(id);
  }
}
