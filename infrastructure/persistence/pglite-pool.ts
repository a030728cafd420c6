import { EventEmitter } from 'node:events';
import { PGlite } from '@electric-sql/pglite';

/**
 * A `pg`-compatible pool over one embedded PGlite database, for TypeORM's `driver` option.
 *
 * PGlite is a single connection. TypeORM gives each QueryRunner its own pooled connection and
 * relies on it for transactions, so the one connection is *leased*: `connect()` waits until the
 * previous holder released it. Without that, two concurrent requests would interleave their
 * BEGIN/COMMIT on the same session (the published typeorm-pglite adapter does exactly that, and
 * shares one static instance per process).
 */
class PGliteConnection extends EventEmitter {
  constructor(private readonly db: PGlite) {
    super();
  }

  async query(sql: string, params?: unknown[]): Promise<unknown> {
    if (params && params.length > 0) return this.db.query(sql, params);
    // Parameterless statements may hold several commands (migrations); return the last result like pg.
    const results = await this.db.exec(sql);
    return results[results.length - 1] ?? { rows: [], fields: [], command: null, rowCount: 0 };
  }
}

type ConnectCallback = (
  error: Error | null,
  connection: PGliteConnection | null,
  release: () => void,
) => void;

export class PGlitePool extends EventEmitter {
  private readonly ready: Promise<PGlite>;
  private tail: Promise<void> = Promise.resolve();

  constructor(options: { dataDir?: string }) {
    super();
    this.ready = PGlite.create(options.dataDir ? { dataDir: options.dataDir } : {});
  }

  connect(callback?: ConnectCallback): Promise<PGliteConnection> | void {
    const leased = this.lease();
    if (!callback) return leased.then(({ connection }) => connection);
    leased.then(
      ({ connection, release }) => callback(null, connection, release),
      (error: Error) => callback(error, null, () => undefined),
    );
  }

  async query(sql: string, params?: unknown[]): Promise<unknown> {
    const { connection, release } = await this.lease();
    try {
      return await connection.query(sql, params);
    } finally {
      release();
    }
  }

  end(callback?: (error: Error | null) => void): Promise<void> {
    const closing = this.ready.then((db) => db.close());
    if (callback)
      closing.then(
        () => callback(null),
        (error: Error) => callback(error),
      );
    return closing;
  }

  private async lease(): Promise<{ connection: PGliteConnection; release: () => void }> {
    const db = await this.ready;
    let release!: () => void;
    const turn = new Promise<void>((resolve) => (release = resolve));
    const previous = this.tail;
    this.tail = previous.then(() => turn);
    await previous;
    let released = false;
    return {
      connection: new PGliteConnection(db),
      release: () => {
        if (!released) {
          released = true;
          release();
        }
      },
    };
  }
}

/** The module shape TypeORM's Postgres driver expects from `pg`. */
export function pgliteDriver(dataDir: string | undefined): { Pool: new () => PGlitePool } {
  return {
    Pool: class extends PGlitePool {
      constructor() {
        super({ dataDir });
      }
    },
  };
}
