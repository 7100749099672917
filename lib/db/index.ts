import 'server-only';
import { openDb, type DbHandle } from './client';
import { migrateDb } from './migrate';

let ready: Promise<DbHandle> | undefined;

/**
 * The process's one database handle, opened and migrated on first use. A failure
 * (server down, folder locked) is not cached, so the next request tries again.
 */
export function getDb(): Promise<DbHandle> {
  ready ??= openDb().then(async (handle) => {
    await migrateDb(handle);
    return handle;
  });
  ready.catch(() => {
    ready = undefined;
  });
  return ready;
}
