import { MigrationInterface, QueryRunner } from 'typeorm';

/** Dead letters keep how their message was received (time, transport, sender), so a replay sends it again as it came. */
export class DeadLetterOrigin1733630000000 implements MigrationInterface {
  name = 'DeadLetterOrigin1733630000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE vigie_dead_letters ADD COLUMN origin jsonb NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE vigie_dead_letters DROP COLUMN origin');
  }
}
