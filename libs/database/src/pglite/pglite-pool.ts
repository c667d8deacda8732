import { EventEmitter } from 'node:events';
import type { PGlite, Results } from '@electric-sql/pglite';

/**
 * A `pg`-shaped pool over one PGlite instance, for TypeORM's postgres driver.
 *
 * PGlite is a single connection. Handing out that one connection to two query
 * runners at once would interleave their transactions, so `connect()` hands it
 * out to one caller at a time: the next caller waits until the previous one
 * releases it. Code must therefore never wait on a second query runner while it
 * holds one (use the transaction's manager inside a transaction).
 */
export class PGlitePool extends EventEmitter {
  private readonly db: PGlite;
  private tail: Promise<void> = Promise.resolve();
  private ended = false;

  constructor(options: { pglite?: PGlite }) {
    super();
    if (!options.pglite) throw new Error('PGlitePool needs a PGlite instance (extra.pglite)');
    this.db = options.pglite;
  }

  connect(
    callback?: (err: Error | null, client: PGliteClient | null, release: () => void) => void,
  ): Promise<PGliteClient> | void {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const previous = this.tail;
    this.tail = previous.then(() => held);
    const ready = previous.then(() => {
      if (this.ended) throw new Error('PGlite pool has been closed');
      return new PGliteClient(this.db, release);
    });
    if (!callback) return ready;
    ready.then(
      (client) => callback(null, client, () => client.release()),
      (err: Error) => {
        release();
        callback(err, null, () => undefined);
      },
    );
  }

  /** One-shot query, taking the connection for its duration. */
  async query(sql: string, params?: unknown[]): Promise<PgResult> {
    const client = (await this.connect()) as PGliteClient;
    try {
      return await client.query(sql, params);
    } finally {
      client.release();
    }
  }

  end(callback?: (err?: Error | null) => void): Promise<void> | void {
    this.ended = true;
    const done = this.tail.then(() => this.db.close());
    if (!callback) return done;
    done.then(
      () => callback(null),
      (e: Error) => callback(e),
    );
  }

  get totalCount(): number {
    return 1;
  }
}

export interface PgResult {
  rows: unknown[];
  rowCount: number;
  command?: string;
  fields: Array<{ name: string; dataTypeID: number }>;
}

export class PGliteClient extends EventEmitter {
  private released = false;

  constructor(
    private readonly db: PGlite,
    private readonly onRelease: () => void,
  ) {
    super();
  }

  async query(sql: string, params?: unknown[]): Promise<PgResult> {
    const res: Results =
      params && params.length > 0 ? await this.db.query(sql, params.map(toParam)) : last(await this.db.exec(sql));
    return {
      rows: res.rows,
      rowCount: res.rowCount ?? res.affectedRows ?? res.rows.length,
      command: res.command,
      fields: res.fields,
    };
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    this.onRelease();
  }
}

function last(results: Results[]): Results {
  return results[results.length - 1] ?? { rows: [], fields: [] };
}

/** Match node-postgres's parameter serialisation. */
function toParam(v: unknown): unknown {
  if (v === undefined) return null;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) return v.toISOString();
  if (Buffer.isBuffer(v)) return v;
  if (Array.isArray(v)) return v;
  if (v !== null && typeof v === 'object') return JSON.stringify(v);
  return v;
}

/** The object TypeORM's postgres driver takes as `driver`. */
export const pgliteDriver = { Pool: PGlitePool };
