// `npm run db:restore -- <file>`: replaces DATABASE_URL's contents (or the embedded
// folder's, refused while the site runs on it) with a backup from db:backup.
import { restoreDatabase, BackupError } from '../db/backup';
import { DbFolderLockedError } from '../db/folder-lock';
import { backupTarget } from './db-target';

const file = process.argv[2];
if (!file) {
  console.error('db:restore: name the backup file: npm run db:restore -- backups/<file>');
  process.exit(2);
}
const target = backupTarget();
try {
  const kept = await restoreDatabase(target, file);
  console.log(`restored ${file}${kept ? `; the replaced folder is kept in ${kept} (remove it when satisfied)` : ''}`);
} catch (error) {
  if (!(error instanceof BackupError || error instanceof DbFolderLockedError)) throw error;
  console.error(`db:restore: ${error.message}`);
  process.exit(1);
}
