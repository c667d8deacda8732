import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { READERS, Roles } from '@vigie/auth';
import { ListRulesQueryDto, TestRuleDto, UpdateRuleDto } from './dto/rule.dto';
import { RulesService } from './rules.service';

/** Detection rules are global (they hold no member data): every reader may list them; rssi and admin change them. */
@ApiTags('rules')
@Controller('api/v1/rules')
export class RulesController {
  constructor(private readonly rules: RulesService) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'Sigma rules loaded by the detectors, with status, enabled flag and hit counts' })
  list(@Query() q: ListRulesQueryDto) {
    return this.rules.list(q);
  }

  @Get('coverage')
  @Roles(...READERS)
  @ApiOperation({ summary: 'ATT&CK techniques covered by the enabled, loaded rules, grouped by tactic' })
  coverage() {
    return this.rules.coverage();
  }

  @Post('test')
  @HttpCode(200)
  @Roles('rssi', 'admin')
  @ApiOperation({ summary: 'Run a Sigma rule (or a correlation and its rules) over sample events' })
  test(@Body() dto: TestRuleDto) {
    return this.rules.test(dto);
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOperation({ summary: 'One rule' })
  get(@Param('id') id: string) {
    return this.rules.get(id);
  }

  @Patch(':id')
  @Roles('rssi', 'admin')
  @ApiOperation({ summary: 'Enable or disable a rule (rssi, admin; audited)' })
  update(@Param('id') id: string, @Body() dto: UpdateRuleDto) {
    return this.rules.setEnabled(id, dto.enabled);
  }
}
