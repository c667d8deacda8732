import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { AuditTrail } from '@vigie/audit';
import { VigieConfig } from '@vigie/config';
import { logger } from '@vigie/observability';
import { DataSource } from 'typeorm';
import { DemoSeeder } from './demo-seeder';

/**
 * The embedded default loads the demo world on its first start (only the
 * `unattributed` member exists). Not under NODE_ENV=test unless
 * VIGIE_SEED_DEMO=1; VIGIE_SEED_DEMO=0 turns it off everywhere.
 */
export function shouldSeedDemo(profile: string, env: NodeJS.ProcessEnv): boolean {
  if (profile !== 'embedded') return false;
  const flag = env.VIGIE_SEED_DEMO;
  if (flag === '0' || flag === 'false') return false;
  if (flag === '1' || flag === 'true') return true;
  return env.NODE_ENV !== 'test';
}

@Injectable()
export class DemoSeedOnFirstStart implements OnApplicationBootstrap {
  private readonly log = logger('DemoSeed');

  constructor(
    private readonly config: VigieConfig,
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!shouldSeedDemo(this.config.get('profile'), process.env)) return;
    const seeder = new DemoSeeder(this.dataSource, this.audit);
    if (!(await seeder.isPristine())) return;
    const r = await seeder.run();
    this.log.info({ ...r }, 'first start: loaded the demo members and application catalogue');
  }
}
