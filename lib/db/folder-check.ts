import { rmSync, statfsSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Thrown when the embedded database folder cannot take writes: read-only, not ours, or (nearly) full. */
export class DbFolderUnusableError extends Error {
  override name = 'DbFolderUnusableError';
}

/** Below this much free space a PGlite folder is refused: one WAL segment is 16 MB, a checkpoint needs room. */
export const MIN_FREE_BYTES = 64 * 1024 * 1024;

/**
 * Checks, before PGlite opens the folder, that it can be written: PGlite itself only
 * says "failed to initialize properly" for a read-only folder, and a folder that
 * fills up mid-write fails requests one by one. A real write is the only test that
 * sees a read-only mount, another owner and a full disk alike (root passes any
 * permission check, not EROFS or ENOSPC).
 */
export function checkFolderWritable(dir: string, minFreeBytes = MIN_FREE_BYTES): void {
  const probe = path.join(dir, `.write-check-${process.pid}`);
  try {
    writeFileSync(probe, 'ok');
    rmSync(probe, { force: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOSPC' ? 'the disk is full' : code === 'EROFS' ? 'it is on a read-only file system' : `it cannot be written (${code})`;
    throw new DbFolderUnusableError(
      `the embedded database folder ${path.resolve(dir)} cannot be used: ${why}. Make it writable by the user the site runs as (${process.getuid?.() ?? '?'}), free some space, or set PGLITE_DIR or DATABASE_URL.`,
    );
  }
  const { bavail, bsize } = statfsSync(dir);
  const free = bavail * bsize;
  if (free < minFreeBytes) {
    throw new DbFolderUnusableError(
      `the embedded database folder ${path.resolve(dir)} cannot be used: only ${Math.floor(free / 1024 / 1024)} MB free on its disk, and it needs at least ${Math.ceil(minFreeBytes / 1024 / 1024)} MB. Free some space, or set PGLITE_DIR or DATABASE_URL.`,
    );
  }
}
