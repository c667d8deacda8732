import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { READERS, Role, Roles } from '@vigie/auth';
import { CorrectiveActionsService } from './corrective-actions.service';
import {
  ActionQueryDto,
  ActionStatusDto,
  CreateCorrectiveActionDto,
  ReviewDto,
  UpdateCorrectiveActionDto,
} from './dto/corrective-action.dto';

const ACTION_WRITERS: Role[] = ['admin', 'rssi', 'dpo'];

@ApiTags('corrective-actions')
@Controller('api/v1/corrective-actions')
export class CorrectiveActionsController {
  constructor(private readonly actions: CorrectiveActionsService) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'Corrective actions in my scope, earliest due first' })
  list(@Query() q: ActionQueryDto) {
    return this.actions.list(q);
  }

  @Get('overdue')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Actions past their due date and not closed' })
  overdue() {
    return this.actions.overdue();
  }

  @Post()
  @Roles(...ACTION_WRITERS)
  @ApiOperation({ summary: 'Record a nonconformity and its corrective action (linked to an incident, or standalone)' })
  create(@Body() dto: CreateCorrectiveActionDto) {
    return this.actions.create(dto);
  }

  @Get(':id')
  @Roles(...READERS)
  get(@Param('id') id: string) {
    return this.actions.get(id);
  }

  @Patch(':id')
  @Roles(...ACTION_WRITERS)
  update(@Param('id') id: string, @Body() dto: UpdateCorrectiveActionDto) {
    return this.actions.update(id, dto);
  }

  @Post(':id/review')
  @HttpCode(200)
  @Roles(...ACTION_WRITERS)
  @ApiOperation({ summary: 'Effectiveness review: date, method, result, reviewer (required to close)' })
  review(@Param('id') id: string, @Body() dto: ReviewDto) {
    return this.actions.review(id, dto);
  }

  @Post(':id/status')
  @HttpCode(200)
  @Roles(...ACTION_WRITERS)
  @ApiOperation({ summary: 'open → in_progress → implemented → closed (closing needs an effective review: 422)' })
  transition(@Param('id') id: string, @Body() dto: ActionStatusDto) {
    return this.actions.transition(id, dto);
  }
}
