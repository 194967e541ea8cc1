import pg from 'pg';

type Release = (err?: Error | boolean) => void;

/**
 * A pool client that always goes back to the pool, and only clean.
 *
 * - **Its connection dies while it is checked out** (PostgreSQL restarted or failed over, the
 *   backend terminated, the network cut): it is given back at once, with the error, so the pool
 *   drops it. drizzle's transaction checks a client out and runs `BEGIN` outside its
 *   `try/finally`: a `BEGIN` that meets a dead connection left the client checked out for ever,
 *   and ten of them starved the pool, every query of every tenant waiting until a restart. The
 *   listener is also what keeps that `error` event from being thrown as an uncaught exception
 *   (a checked-out client has no other listener).
 * - **It is given back inside a transaction** (open or aborted: a `ROLLBACK` that failed, a caller
 *   that forgot it): it is closed instead of being handed to the next caller, whose statements
 *   would otherwise run in that transaction or be refused (25P02).
 *
 * Giving back twice is harmless (the pool's own release throws), so the caller's late release
 * after an early one does nothing. (The class name must not contain "Pool": drizzle takes any
 * client whose class is so named for a pool, and checks a client out of it.)
 */
export class GuardedClient extends pg.Client {
  /** The server's transaction status from the last ReadyForQuery: I idle, T in a transaction, E aborted. */
  private transactionStatus = 'I';
  private poolRelease: Release | undefined;
  private checkedOut = false;

  constructor(config?: string | pg.ClientConfig) {
    super(config);
    this.connection.on('readyForQuery', (msg: { status?: string }) => {
      this.transactionStatus = msg.status ?? 'I';
    });
    this.on('error', (err: Error) => {
      if (this.checkedOut) this.release(err);
    });
  }

  /** Set by the pool each time it hands the client out. */
  set release(fn: Release) {
    this.poolRelease = fn;
    this.checkedOut = true;
  }

  get release(): Release {
    return (err) => {
      if (!this.checkedOut) return;
      this.checkedOut = false;
      const dirty = this.transactionStatus !== 'I';
      this.poolRelease?.(
        err ||
          (dirty
            ? new Error(`client given back inside a transaction (status ${this.transactionStatus}); closed`)
            : undefined),
      );
    };
  }
}

/** The hub's PostgreSQL pool: clients are `GuardedClient`s. */
export function openPool(connectionString: string, max: number): pg.Pool {
  const pool = new pg.Pool({ connectionString, max, Client: GuardedClient });
  pool.on('error', () => undefined); // idle-client errors surface on the next query instead
  return pool;
}
