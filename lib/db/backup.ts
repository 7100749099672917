import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { acquireFolderLock } from './folder-lock';

/** What `npm run db:backup` and `db:restore` work on: a PostgreSQL server database or the embedded folder. */
export type BackupTarget = { kind: 'postgres'; url: string } | { kind: 'pglite'; dir: string };

/** A refusal an operator can act on: the CLIs print its message, no stack trace. */
export class BackupError extends Error {
  override name = 'BackupError';
}

// pg_dump's custom format starts with these bytes; PGlite's dump is a gzip'd tar.
const PG_DUMP_MAGIC = 'PGDMP';
const GZIP_MAGIC = [0x1f, 0x8b];

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.error) throw new BackupError(`${command} could not run (${result.error.message}); install the PostgreSQL client tools`);
  if (result.status !== 0) throw new BackupError(`${command} failed (exit ${result.status}):\n${result.stderr.trim()}`);
}

/** Writes through a temporary name, so a backup cut short never looks like a whole one. */
function writeAtomically(file: string, write: (temporary: string) => Promise<void> | void) {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const temporary = `${file}.partial`;
  return Promise.resolve(write(temporary)).then(
    () => renameSync(temporary, file),
    (error: unknown) => {
      rmSync(temporary, { force: true });
      throw error;
    },
  );
}

/**
 * A consistent copy of the database in `file`. On a server, pg_dump's custom format
 * (one snapshot, taken while the site keeps running). The embedded folder has no
 * server to take a snapshot: the copy is PGlite's own dumpDataDir under the folder
 * lock, so it is refused while the site (or anything else) holds the folder.
 */
export async function backupDatabase(target: BackupTarget, file: string): Promise<void> {
  if (target.kind === 'postgres') {
    await writeAtomically(file, (temporary) => run('pg_dump', ['--format=custom', '--no-owner', '--file', temporary, '--dbname', target.url]));
    return;
  }
  if (!existsSync(path.join(target.dir, 'PG_VERSION'))) throw new BackupError(`there is no embedded database in ${target.dir}`);
  const release = await acquireFolderLock(target.dir);
  try {
    const client = await PGlite.create(target.dir);
    try {
      const dump = await client.dumpDataDir('gzip');
      await writeAtomically(file, async (temporary) => writeFileSync(temporary, Buffer.from(await dump.arrayBuffer())));
    } finally {
      await client.close();
    }
  } finally {
    release();
  }
}

function fileStartsWith(file: string, bytes: number[]): boolean {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(bytes.length);
    return readSync(fd, head, 0, bytes.length, 0) === bytes.length && bytes.every((b, i) => head[i] === b);
  } finally {
    closeSync(fd);
  }
}

/**
 * Replaces the database's contents with the backup in `file`. On a server, every
 * object the backup holds is dropped and recreated in one transaction (pg_restore
 * --clean --single-transaction): it all happens or nothing does. The embedded folder
 * is rebuilt beside the old one, under its lock, and swapped in; the old folder is
 * kept as `<dir>.before-restore-<time>` until the operator removes it.
 * Returns that folder's path (embedded) or null.
 */
export async function restoreDatabase(target: BackupTarget, file: string): Promise<string | null> {
  if (!existsSync(file)) throw new BackupError(`no backup file ${file}`);
  if (target.kind === 'postgres') {
    if (!fileStartsWith(file, [...Buffer.from(PG_DUMP_MAGIC)])) {
      throw new BackupError(`${file} is not a PostgreSQL server backup (pg_dump custom format); was it taken from the embedded database?`);
    }
    run('pg_restore', ['--clean', '--if-exists', '--no-owner', '--single-transaction', '--exit-on-error', '--dbname', target.url, file]);
    return null;
  }
  if (!fileStartsWith(file, GZIP_MAGIC)) throw new BackupError(`${file} is not an embedded database backup (a .tar.gz from db:backup)`);
  const dir = path.resolve(target.dir);
  const release = await acquireFolderLock(dir);
  const fresh = `${dir}.restoring`;
  try {
    rmSync(fresh, { recursive: true, force: true });
    const client = await PGlite.create(fresh, { loadDataDir: new Blob([readFileSync(file)]) });
    await client.close();
    let kept: string | null = null;
    if (existsSync(path.join(dir, 'PG_VERSION'))) {
      kept = `${dir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      renameSync(dir, kept);
    } else {
      rmSync(dir, { recursive: true, force: true });
    }
    renameSync(fresh, dir);
    return kept;
  } catch (error) {
    rmSync(fresh, { recursive: true, force: true });
    throw error;
  } finally {
    release();
  }
}
