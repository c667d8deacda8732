import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { READERS, Roles } from '@vigie/auth';
import { ApplicationsService } from './applications.service';
import { ConfirmSuggestionsDto, CreateApplicationDto, UpdateApplicationDto } from './dto/application.dto';

const MAP_EDITORS = ['admin', 'dpo', 'rssi'] as const;

@ApiTags('applications')
@Controller('api/v1/applications')
export class ApplicationsController {
  constructor(private readonly apps: ApplicationsService) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'The application map (applications used by my members); ?q= full text, ?member=, ?domain=' })
  @ApiQuery({ name: 'q', required: false })
  @ApiQuery({ name: 'member', required: false })
  @ApiQuery({ name: 'domain', required: false })
  list(@Query('q') q?: string, @Query('member') member?: string, @Query('domain') domain?: string) {
    return this.apps.list({ q, member, domain });
  }

  @Get('matrix')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Application × data category matrix' })
  matrix() {
    return this.apps.matrix();
  }

  @Get('hosts/:host/impact')
  @Roles(...READERS)
  @ApiOperation({ summary: 'What a compromised host (name or IP) affects: applications, members, activities, data categories and subjects' })
  impactOfHost(@Param('host') host: string) {
    return this.apps.impactOfHost(host);
  }

  @Get(':id')
  @Roles(...READERS)
  get(@Param('id') id: string) {
    return this.apps.get(id);
  }

  @Get(':id/impact')
  @Roles(...READERS)
  @ApiOperation({ summary: 'What a compromised application affects' })
  impact(@Param('id') id: string) {
    return this.apps.impactOfApplication(id);
  }

  @Post()
  @Roles(...MAP_EDITORS)
  @ApiOperation({ summary: 'Add an application to the map' })
  create(@Body() dto: CreateApplicationDto) {
    return this.apps.create(dto);
  }

  @Patch(':id')
  @Roles(...MAP_EDITORS)
  update(@Param('id') id: string, @Body() dto: UpdateApplicationDto) {
    return this.apps.update(id, dto);
  }

  @Post(':id/confirm-suggestions')
  @Roles('dpo')
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirm suggested data categories and subjects (DPO)' })
  confirm(@Param('id') id: string, @Body() dto: ConfirmSuggestionsDto) {
    return this.apps.confirmSuggestions(id, dto);
  }

  @Delete(':id')
  @Roles('admin', 'dpo')
  @HttpCode(204)
  async delete(@Param('id') id: string) {
    await this.apps.delete(id);
  }
}
