// `npm run db:backup -- [file]`: a consistent copy of DATABASE_URL (pg_dump), or of
// the embedded database folder when no server is named (refused while the site runs
// on it). Default file: backups/<kind>-<time>.dump or .tar.gz.
import { backupDatabase, BackupError } from '../db/backup';
import { backupTarget, stamp } from './db-target';
import { DbFolderLockedError } from '../db/folder-lock';

const target = backupTarget();
const file = process.argv[2] || `backups/${target.kind}-${stamp()}.${target.kind === 'postgres' ? 'dump' : 'tar.gz'}`;
try {
  await backupDatabase(target, file);
  console.log(`backup written: ${file}`);
} catch (error) {
  if (!(error instanceof BackupError || error instanceof DbFolderLockedError)) throw error;
  console.error(`db:backup: ${error.message}`);
  process.exit(1);
}
