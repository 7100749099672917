import type { BackupTarget } from '../db/backup';
import { pgliteDir } from '../db/client';

/** The database the environment names, as the site would open it: DATABASE_URL, else the embedded folder. */
export function backupTarget(): BackupTarget {
  const url = process.env.DATABASE_URL;
  return url ? { kind: 'postgres', url } : { kind: 'pglite', dir: pgliteDir() };
}

/** A file-name-safe UTC time, sortable. */
export const stamp = () => new Date().toISOString().replace(/[:.]/g, '-');
