import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { READERS, Roles } from '@vigie/auth';
import { loadFrameworks } from '@vigie/evidence';
import { DataSource } from 'typeorm';
import { ControlStatements } from '../evidence/control-statements';
import { findUp } from '../evidence/evidence-bundle.service';
import { ChecklistFramework, controlChecklist } from './control-checklist';

/** Overviews that gather several registers in one answer. */
@ApiTags('dashboard')
@Controller('api/v1/dashboard')
export class DashboardController {
  private readonly statements: ControlStatements;
  private readonly frameworks: () => ReturnType<typeof loadFrameworks>;

  constructor(dataSource: DataSource) {
    const dir = findUp('config/frameworks');
    this.frameworks = () => loadFrameworks(dir);
    this.statements = new ControlStatements(dataSource, this.frameworks);
  }

  @Get('controls')
  @Roles(...READERS)
  @ApiOperation({
    summary: 'Every framework control with its evidence items and whether its statement is written (no member data)',
  })
  async controls(): Promise<{ frameworks: ChecklistFramework[] }> {
    return { frameworks: controlChecklist(this.frameworks(), await this.statements.list()) };
  }
}
