import { Injectable } from '@nestjs/common';
import { AuditTrail } from '@vigie/audit';
import { VigieConfig } from '@vigie/config';
import { DomainError } from '@vigie/contracts';
import { detectionSettingsFrom } from '@vigie/ingestion/detection/detection-settings';
import { DataSource } from 'typeorm';
import { attackCoverage, AttackCoverage } from './attack-coverage';
import { ListRulesQueryDto, TestRuleDto } from './dto/rule.dto';
import { RuleTestContext, ruleTestContext, RuleTestResult, testRule } from './rule-tester';
import { Rule, RulesRepository } from './rules.repository';

/** The rules API: the detectors' rule inventory (global, no member data), enable/disable, test and coverage. */
@Injectable()
export class RulesService {
  private testContext?: RuleTestContext;

  constructor(
    private readonly repo: RulesRepository,
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly config: VigieConfig,
  ) {}

  async list(q: ListRulesQueryDto) {
    const [page, counts] = await Promise.all([
      this.repo.list({ ...q, limit: q.limit ?? 500, offset: q.offset ?? 0 }),
      this.repo.counts(),
    ]);
    return { total: page.total, counts, rules: page.rules };
  }

  async get(id: string): Promise<Rule> {
    const rule = await this.repo.get(id);
    if (!rule) throw new DomainError('not_found', 'rule_not_found', `No rule ${id}`);
    return rule;
  }

  async setEnabled(id: string, enabled: boolean): Promise<Rule> {
    return this.dataSource.transaction(async (m) => {
      const before = await this.repo.get(id, m);
      if (!before) throw new DomainError('not_found', 'rule_not_found', `No rule ${id}`);
      if (before.kind === 'filter') {
        throw new DomainError('unprocessable', 'rule_not_switchable', 'A Sigma filter is not switched on or off', [
          { field: 'enabled', problem: `${id} is a filter document` },
        ]);
      }
      if (before.enabled === enabled) return before;
      const after = await this.repo.setEnabled(m, id, enabled);
      await this.audit.record(
        {
          action: enabled ? 'rule.enabled' : 'rule.disabled',
          entityType: 'rule',
          entityId: id,
          member: null,
          before: { enabled: before.enabled },
          after: { enabled: after.enabled },
        },
        m,
      );
      return after;
    });
  }

  async coverage(): Promise<AttackCoverage> {
    return attackCoverage(await this.repo.active());
  }

  test(dto: TestRuleDto): RuleTestResult {
    this.testContext ??= ruleTestContext(detectionSettingsFrom(this.config));
    return testRule(dto, this.testContext);
  }
}
