import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, realpathSync, rmSync, writeSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/** Thrown when another live process holds the embedded database folder. */
export class DbFolderLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number | null,
  ) {
    super(
      `the embedded database in ${dir} is in use by ${pid === null ? 'another process' : `process ${pid}`}. Stop it first, or point DATABASE_URL at a PostgreSQL server to share one database between processes.`,
    );
    this.name = 'DbFolderLockedError';
  }
}

/**
 * Takes an exclusive lock on a database folder for this process's lifetime and
 * returns the release function; refuses with DbFolderLockedError while another
 * process (or another handle in this one) holds it.
 *
 * On Linux the lock is an abstract Unix socket named after the folder's real path:
 * binding it is atomic (of two processes started at the same instant exactly one
 * wins) and the kernel drops it when its process dies, however it dies, so there is
 * never a stale lock to judge: a pid file is wrong after SIGKILL when the restarted
 * process gets the old process's id (pid 1 in a container, every time). Whoever
 * connects to the socket is told the holder's pid, for the message.
 */
export async function acquireFolderLock(dir: string): Promise<() => void> {
  mkdirSync(dir, { recursive: true });
  if (process.platform !== 'linux') return acquirePidFileLock(dir);
  const name = `\0niaoge-pglite-${createHash('sha256').update(realpathSync(dir)).digest('hex').slice(0, 32)}`;
  const server = net.createServer((socket) => socket.end(String(process.pid)));
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(name, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new DbFolderLockedError(dir, await holderPid(name));
    throw error;
  }
  // The lock must not keep the process alive on its own.
  server.unref();
  let released = false;
  return () => {
    if (released) return;
    released = true;
    server.close();
  };
}

/**
 * Asks the process holding the lock socket for its pid; null when it does not say in
 * time. Generous: the holder may be starting PGlite, which blocks its event loop for
 * seconds on a loaded machine.
 */
function holderPid(name: string): Promise<number | null> {
  return new Promise((resolve) => {
    let text = '';
    const socket = net.connect(name);
    const done = (pid: number | null) => {
      socket.destroy();
      resolve(pid);
    };
    socket.setTimeout(5000, () => done(null));
    socket.on('data', (chunk) => (text += chunk));
    socket.on('end', () => done(/^\d+$/.test(text) ? Number(text) : null));
    socket.on('error', () => done(null));
  });
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
 * Where abstract sockets do not exist (a developer's macOS): a lock file holding
 * this pid, taken over when its process is gone. Weaker: pid reuse and a race on a
 * stale file are possible, which is why Linux, where the site runs, does not use it.
 */
function acquirePidFileLock(dir: string): () => void {
  const file = path.join(dir, '.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        rmSync(file, { force: true });
      };
      // A process that exits without closing must not leave its lock behind.
      process.once('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
      if (Number.isInteger(pid) && alive(pid)) throw new DbFolderLockedError(dir, pid);
      rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`could not lock ${dir}`);
}
