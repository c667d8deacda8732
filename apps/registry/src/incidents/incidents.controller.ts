import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { READERS, Roles } from '@vigie/auth';
import { DomainError } from '@vigie/contracts';
import {
  CreateIncidentDto,
  DecisionDto,
  IncidentQueryDto,
  IncidentTransitionDto,
  UpdateIncidentDto,
} from './dto/incident.dto';
import { LINK_KINDS, LinkKind, LinksDto } from './dto/links.dto';
import { IncidentsService } from './incidents.service';
import { INCIDENT_WRITERS } from './roles';

@ApiTags('incidents')
@Controller('api/v1/incidents')
export class IncidentsController {
  constructor(private readonly incidents: IncidentsService) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'Incidents affecting my members, most recently detected first' })
  list(@Query() q: IncidentQueryDto) {
    return this.incidents.list(q);
  }

  @Post()
  @Roles(...INCIDENT_WRITERS)
  @ApiOperation({ summary: 'Record an incident (reference INC-YYYY-NNNN, severity from impact × urgency)' })
  create(@Body() dto: CreateIncidentDto) {
    return this.incidents.create(dto);
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOperation({ summary: 'An incident, by id or reference' })
  get(@Param('id') id: string) {
    return this.incidents.get(id);
  }

  @Patch(':id')
  @Roles(...INCIDENT_WRITERS)
  @ApiOperation({ summary: 'Update the description, times, classification or impact (not the status)' })
  update(@Param('id') id: string, @Body() dto: UpdateIncidentDto) {
    return this.incidents.update(id, dto);
  }

  @Post(':id/status')
  @HttpCode(200)
  @Roles(...INCIDENT_WRITERS)
  @ApiOperation({
    summary: 'Move along the lifecycle; 409 names the allowed next states, closing needs root cause and lessons (422)',
  })
  transition(@Param('id') id: string, @Body() dto: IncidentTransitionDto) {
    return this.incidents.transition(id, dto);
  }

  @Post(':id/decision')
  @HttpCode(200)
  @Roles(...INCIDENT_WRITERS)
  @ApiOperation({ summary: 'Record the event-vs-incident decision: who, when, why' })
  decide(@Param('id') id: string, @Body() dto: DecisionDto) {
    return this.incidents.decide(id, dto);
  }

  @Get(':id/links')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Affected members, applications, hosts and related alerts' })
  links(@Param('id') id: string) {
    return this.incidents.links(id);
  }

  @Post(':id/links')
  @HttpCode(200)
  @Roles(...INCIDENT_WRITERS)
  @ApiOperation({ summary: 'Link members, applications, hosts or alerts; the impact is derived again' })
  addLinks(@Param('id') id: string, @Body() dto: LinksDto) {
    return this.incidents.addLinks(id, dto);
  }

  @Delete(':id/links/:kind/:ref')
  @Roles(...INCIDENT_WRITERS)
  @ApiOperation({ summary: 'Remove a link (kind: members, applications, hosts, alerts)' })
  removeLink(@Param('id') id: string, @Param('kind') kind: string, @Param('ref') ref: string) {
    if (!(LINK_KINDS as readonly string[]).includes(kind))
      throw new DomainError('invalid', 'invalid_link_kind', `Link kinds: ${LINK_KINDS.join(', ')}`, [
        { field: 'kind', problem: `is not one of ${LINK_KINDS.join(', ')}` },
      ]);
    return this.incidents.removeLink(id, kind as LinkKind, ref);
  }

  @Get(':id/impact')
  @Roles(...READERS)
  @ApiOperation({
    summary: 'Controllers, processing activities, data and subject categories at stake, from the GDPR registry',
  })
  impact(@Param('id') id: string) {
    return this.incidents.impact(id);
  }

  @Post(':id/impact/refresh')
  @HttpCode(200)
  @Roles(...INCIDENT_WRITERS)
  @ApiOperation({ summary: 'Derive the affected members again after the registry changed' })
  refreshImpact(@Param('id') id: string) {
    return this.incidents.refreshImpact(id);
  }
}
