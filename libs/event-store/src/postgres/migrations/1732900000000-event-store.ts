import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The Postgres event store and the dead-letter table.
 *
 * `vigie_events` is partitioned by member (LIST), each member partition by day
 * (RANGE on `ts`). The adapter creates the member and day partitions on demand;
 * indexes declared here on the parent are created on every partition.
 */
export class EventStore1732900000000 implements MigrationInterface {
  name = 'EventStore1732900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE vigie_events (
        id text COLLATE "C" NOT NULL,
        member text NOT NULL,
        ts timestamptz NOT NULL,
        doc jsonb NOT NULL,
        message text NULL,
        message_tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', coalesce(message, ''))) STORED,
        event_dataset text GENERATED ALWAYS AS (doc #>> '{event,dataset}') STORED,
        host_hostname text GENERATED ALWAYS AS (doc #>> '{host,hostname}') STORED,
        source_ip text GENERATED ALWAYS AS (doc #>> '{source,ip}') STORED,
        user_name text GENERATED ALWAYS AS (doc #>> '{user,name}') STORED,
        PRIMARY KEY (member, ts, id)
      ) PARTITION BY LIST (member)`);
    await q.query('CREATE INDEX vigie_events_ts_id_idx ON vigie_events (ts, id)');
    await q.query('CREATE INDEX vigie_events_message_tsv_idx ON vigie_events USING gin (message_tsv)');
    await q.query('CREATE INDEX vigie_events_doc_idx ON vigie_events USING gin (doc jsonb_path_ops)');
    await q.query('CREATE INDEX vigie_events_event_dataset_idx ON vigie_events (event_dataset, ts)');
    await q.query('CREATE INDEX vigie_events_host_hostname_idx ON vigie_events (host_hostname, ts)');
    await q.query('CREATE INDEX vigie_events_source_ip_idx ON vigie_events (source_ip, ts)');
    await q.query('CREATE INDEX vigie_events_user_name_idx ON vigie_events (user_name, ts)');

    // Casts that return NULL instead of raising, so filters on loosely typed
    // JSON values (an IP field holding a hostname, say) never abort a query.
    await q.query(`
      CREATE FUNCTION vigie_try_inet_slow(v text) RETURNS inet
      LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
      BEGIN
        RETURN v::inet;
      EXCEPTION WHEN others THEN
        RETURN NULL;
      END $$`);
    // Dotted-quad IPv4 is checked by pattern (cheap, inlined); only IPv6-looking
    // text pays for the exception block.
    await q.query(`
      CREATE FUNCTION vigie_try_inet(v text) RETURNS inet
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE
          WHEN v ~ '^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])([.](25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}(/([0-9]|[12][0-9]|3[0-2]))?$'
            THEN v::inet
          WHEN strpos(v, ':') > 0 AND v ~ '^[0-9A-Fa-f:.]+(/[0-9]{1,3})?$' THEN vigie_try_inet_slow(v)
          ELSE NULL
        END
      $$`);
    await q.query(`
      CREATE FUNCTION vigie_try_timestamptz(v text) RETURNS timestamptz
      LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
      BEGIN
        RETURN v::timestamptz;
      EXCEPTION WHEN others THEN
        RETURN NULL;
      END $$`);

    await q.query(`
      CREATE TABLE vigie_dead_letters (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        stage text NOT NULL,
        reason text NOT NULL,
        detail text NULL,
        raw text NULL,
        member text NULL,
        source jsonb NULL,
        replayed_at timestamptz NULL
      )`);
    await q.query('CREATE INDEX vigie_dead_letters_at_idx ON vigie_dead_letters (at)');
    await q.query('CREATE INDEX vigie_dead_letters_stage_idx ON vigie_dead_letters (stage, at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE vigie_dead_letters');
    await q.query('DROP TABLE vigie_events CASCADE');
    await q.query('DROP FUNCTION vigie_try_timestamptz(text)');
    await q.query('DROP FUNCTION vigie_try_inet(text)');
    await q.query('DROP FUNCTION vigie_try_inet_slow(text)');
  }
}
