import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { Pool } from 'pg';
import { checkFolderWritable } from './folder-check';
import { acquireFolderLock } from './folder-lock';
import * as schema from './schema';

/**
 * The reader-state database: one PostgreSQL dialect, embedded or a server, typed
 * as the Drizzle API both drivers share. (As the union of the two driver types,
 * calls like `.returning({...})` do not type-check: TypeScript cannot pick an
 * overload across a union, though both drivers implement them identically.)
 */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** A transaction on the database, as the queries inside it see it. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export type DbHandle =
  | { db: Db; kind: 'postgres'; driver: ReturnType<typeof drizzlePg<typeof schema>>; close: () => Promise<void> }
  | { db: Db; kind: 'pglite'; driver: ReturnType<typeof drizzlePglite<typeof schema>>; close: () => Promise<void> };

/** Where the embedded database keeps its files (PGLITE_DIR, default ./data). */
export function pgliteDir(): string {
  return process.env.PGLITE_DIR || 'data';
}

/** A whole number of milliseconds from the environment, or the fallback (0 turns a timeout off). */
function millis(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${name} must be a whole number of milliseconds, not ${JSON.stringify(raw)}`);
  return value;
}

/**
 * Per-session limits on the server, so one stuck transaction (a request that hung
 * while holding an account's row lock) cannot hold up everyone after it: a reader
 * waiting for a lock gives up after DB_LOCK_TIMEOUT_MS and any statement after
 * DB_STATEMENT_TIMEOUT_MS (both answer 503 through handleMutation), and a session
 * left idle inside a transaction is ended by the server after
 * DB_IDLE_IN_TRANSACTION_TIMEOUT_MS, releasing its locks.
 */
export function sessionTimeouts() {
  return {
    lock_timeout: millis('DB_LOCK_TIMEOUT_MS', 3_000),
    statement_timeout: millis('DB_STATEMENT_TIMEOUT_MS', 10_000),
    idle_in_transaction_session_timeout: millis('DB_IDLE_IN_TRANSACTION_TIMEOUT_MS', 30_000),
  };
}

/**
 * Opens the database the environment names: a PostgreSQL server when `url` (or
 * DATABASE_URL) is set, otherwise embedded PGlite in `dir`, or in memory for
 * `dir: 'memory://'`. PGlite has no lock between processes and two writers on one
 * folder silently lose data, so the folder is locked for this process's lifetime.
 */
export async function openDb(options: { url?: string; dir?: string } = {}): Promise<DbHandle> {
  const url = options.url ?? process.env.DATABASE_URL;
  if (url) {
    const pool = new Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 3000, ...sessionTimeouts() });
    // An idle connection dropped by the server (restart, failover) must not crash the
    // process: the pool replaces it, and the next query reports any real outage.
    pool.on('error', (error) => console.error(`database connection lost: ${error.message}`));
    const driver = drizzlePg(pool, { schema });
    return { db: driver, driver, kind: 'postgres', close: () => pool.end() };
  }
  const dir = options.dir ?? pgliteDir();
  const release = dir.startsWith('memory://') ? () => {} : await acquireFolderLock(dir);
  try {
    if (!dir.startsWith('memory://')) checkFolderWritable(dir);
    const client = await PGlite.create(dir);
    const driver = drizzlePglite(client, { schema });
    return {
      db: driver,
      driver,
      kind: 'pglite',
      close: async () => {
        await client.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}
