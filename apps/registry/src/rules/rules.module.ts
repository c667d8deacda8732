import { Module } from '@nestjs/common';
import { RulesController } from './rules.controller';
import { RulesRepository } from './rules.repository';
import { RulesService } from './rules.service';

/** Rules API over the rule state table shared with the detectors (`vigie_rules`). */
@Module({
  controllers: [RulesController],
  providers: [RulesRepository, RulesService],
})
export class RulesModule {}
