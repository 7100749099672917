import { mkdirSync, openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import path from 'node:path';

/** Thrown when another live process holds the embedded database folder. */
export class DbFolderLockedError extends Error {
  constructor(readonly dir: string, readonly pid: number) {
    super(
      `the embedded database in ${dir} is in use by process ${pid}. Stop it first, or point DATABASE_URL at a PostgreSQL server to share one database between processes.`,
    );
    this.name = 'DbFolderLockedError';
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Takes an exclusive lock on a database folder (a lock file holding this pid),
 * taking over a lock left by a dead process. Returns the release function.
 */
export function acquireFolderLock(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, '.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
      if (Number.isInteger(pid) && pid !== process.pid && alive(pid)) throw new DbFolderLockedError(dir, pid);
      if (pid === process.pid) throw new DbFolderLockedError(dir, pid);
      rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`could not lock ${dir}`);
}
