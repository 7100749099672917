// `npm run db:migrate`: apply the committed migrations to DATABASE_URL, or to the
// embedded database folder when no server is named (refused while the site runs on it).
import { openDb } from '../db/client';
import { DbFolderLockedError } from '../db/folder-lock';
import { migrateDb } from '../db/migrate';

try {
  const handle = await openDb();
  try {
    await migrateDb(handle);
    console.log(`migrations applied (${handle.kind === 'postgres' ? 'PostgreSQL server' : 'embedded PGlite'}).`);
  } finally {
    await handle.close();
  }
} catch (error) {
  if (!(error instanceof DbFolderLockedError)) throw error;
  console.error(`db:migrate: ${error.message}`);
  process.exit(1);
}
