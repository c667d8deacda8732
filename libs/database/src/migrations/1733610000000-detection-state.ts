import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Correlation state checkpoints of the detectors: one row per consumer group and source partition (`shard`), with
 * the correlation groups whose first event came from that partition and the offset up to which they are exact.
 * Written before each offset commit that changed them, read when a detector starts consuming a partition.
 */
export class DetectionState1733610000000 implements MigrationInterface {
  name = 'DetectionState1733610000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE vigie_detection_state (
        consumer_group varchar(200) NOT NULL,
        shard varchar(300) NOT NULL,
        next_offset bigint NOT NULL,
        state jsonb NOT NULL,
        saved_by varchar(200) NOT NULL,
        saved_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer_group, shard)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE vigie_detection_state');
  }
}
