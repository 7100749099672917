import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { openDb, type DbHandle } from '@/lib/db/client';
import { migrateDb } from '@/lib/db/migrate';

/**
 * The PostgreSQL server the integration tests create their databases on. CI's
 * .ci/run starts one; TEST_DATABASE_URL points elsewhere (an admin connection).
 */
export const ADMIN_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

export type Backend = 'pglite' | 'postgres';
export const BACKENDS: Backend[] = ['pglite', 'postgres'];

/** A new, empty database of the given kind (PGlite in memory, or a fresh server database), and how to drop it. */
export async function emptyDatabase(backend: Backend): Promise<{ handle: DbHandle; url?: string; drop: () => Promise<void> }> {
  if (backend === 'pglite') {
    const handle = await openDb({ dir: 'memory://', url: '' });
    return { handle, drop: () => handle.close() };
  }
  const name = `it_${Date.now()}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const handle = await openDb({ url: url.toString() });
  return {
    handle,
    url: url.toString(),
    drop: async () => {
      await handle.close();
      const c = new Client({ connectionString: ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** An empty database with every migration applied. */
export async function migratedDatabase(backend: Backend) {
  const db = await emptyDatabase(backend);
  await migrateDb(db.handle);
  return db;
}
