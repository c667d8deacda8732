import { MigrationInterface, QueryRunner } from 'typeorm';

/** Alert exceptions may carry a Sigma filter expression (YAML), evaluated on the events that make an alert. */
export class AlertExceptionSigma1733620000000 implements MigrationInterface {
  name = 'AlertExceptionSigma1733620000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE vigie_alert_exceptions ADD COLUMN sigma_filter text NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE vigie_alert_exceptions DROP COLUMN sigma_filter');
  }
}
