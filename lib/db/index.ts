import 'server-only';
import { sql } from 'drizzle-orm';
import { openDb, type Db, type DbHandle } from './client';
import { migrateDb } from './migrate';

// Next bundles instrumentation.ts and the routes separately, so this module can be
// loaded twice in one process; the handle lives on globalThis so both share it
// (a second PGlite on the same folder would be refused by the folder lock).
const KEY = Symbol.for('niaoge.db');
const slot = globalThis as typeof globalThis & { [KEY]?: Promise<DbHandle> };

/**
 * The process's one database handle, opened and migrated on first use. A failure
 * (server down, folder locked) is not cached, so the next request tries again.
 */
export function getDb(): Promise<DbHandle> {
  let ready = slot[KEY];
  if (!ready) {
    ready = openDb().then(async (handle) => {
      try {
        await migrateDb(handle);
      } catch (error) {
        // Not kept, so closed: an open PGlite would keep its folder lock and refuse
        // every retry in this very process; a pg pool would leak per retry.
        await handle.close().catch(() => {});
        throw error;
      }
      return handle;
    });
    slot[KEY] = ready;
    ready.catch(() => {
      if (slot[KEY] === ready) delete slot[KEY];
    });
  }
  return ready;
}

/** Resolves when the database answers a trivial query; throws while it is down. */
export async function pingDatabase(db: Db): Promise<void> {
  await db.execute(sql`select 1`);
}
