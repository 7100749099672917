import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { signUp } from '@/lib/auth/accounts';
import { openDb, type DbHandle } from '@/lib/db/client';
import { acquireFolderLock } from '@/lib/db/folder-lock';
import { migrateDb } from '@/lib/db/migrate';
import { accounts } from '@/lib/db/schema';
import { ADMIN_URL } from './support/databases';
import { ANY_ADDRESS } from './support/sign-up';

type Run = { code: number | null; stdout: string; stderr: string };

/** Runs `npx tsx lib/cli/admin.ts ...args` the way `npm run admin -- ...args` does. */
function admin(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile('npx', ['tsx', 'lib/cli/admin.ts', ...args], { env: { ...process.env, ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
  });
}

// A child process needs a database it can reach by URL, so these run on the server only.
// Each case starts `npx tsx` up to three times; on a busy 2-core machine one start alone
// takes 10 s or more, so the cases get the children's own 60 s each, not the suite's 30 s.
describe('admin CLI (PostgreSQL server)', { timeout: 180_000 }, () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function serverDatabase(): Promise<{ url: string; handle: DbHandle }> {
    const name = `it_cli_${Date.now()}_${Math.random().toString(16).slice(2, 10)}`;
    const c = new Client({ connectionString: ADMIN_URL });
    await c.connect();
    await c.query(`create database ${name}`);
    await c.end();
    cleanups.push(async () => {
      const d = new Client({ connectionString: ADMIN_URL });
      await d.connect();
      await d.query(`drop database if exists ${name} with (force)`);
      await d.end();
    });
    const url = new URL(ADMIN_URL);
    url.pathname = `/${name}`;
    const handle = await openDb({ url: url.toString() });
    cleanups.push(() => handle.close());
    await migrateDb(handle);
    return { url: url.toString(), handle };
  }

  it('grants and revokes moderation in the database, and fails for an unknown user', async () => {
    const { url, handle } = await serverDatabase();
    await signUp(handle.db, { ...ANY_ADDRESS, username: 'reader', password: 'correct horse battery' });
    const isModerator = async () => (await handle.db.select().from(accounts))[0]!.isModerator;

    const granted = await admin(['grant-moderator', 'Reader'], { DATABASE_URL: url });
    expect(granted).toEqual({ code: 0, stdout: 'reader is now a moderator.\n', stderr: '' });
    expect(await isModerator()).toBe(true);

    const revoked = await admin(['revoke-moderator', 'reader'], { DATABASE_URL: url });
    expect(revoked).toMatchObject({ code: 0, stdout: 'reader is no longer a moderator.\n' });
    expect(await isModerator()).toBe(false);

    const unknown = await admin(['grant-moderator', 'nobody'], { DATABASE_URL: url });
    expect(unknown).toEqual({ code: 1, stdout: '', stderr: 'admin: no account named "nobody".\n' });
  });

  it('exits 1 on an unknown command, and prints help', async () => {
    // Nothing here may open a database: a server nobody listens on would fail loudly.
    const url = 'postgres://postgres@127.0.0.1:1/none';
    const unknown = await admin(['make-coffee'], { DATABASE_URL: url });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^admin: unknown command "make-coffee"\.\nusage: npm run admin -- <command>/);
    const missing = await admin(['grant-moderator'], { DATABASE_URL: url });
    expect(missing).toMatchObject({ code: 1, stderr: 'admin: grant-moderator takes exactly one username.\n' });
    const help = await admin(['help'], { DATABASE_URL: url });
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toContain('grant-moderator <username>');
  });

  it('refuses cleanly when the embedded database folder is in use', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'admin-cli-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    cleanups.push(await acquireFolderLock(dir)); // held by this test process
    const run = await admin(['grant-moderator', 'reader'], { DATABASE_URL: '', PGLITE_DIR: dir });
    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr: `admin: the embedded database in ${dir} is in use by process ${process.pid}. Stop it first, or point DATABASE_URL at a PostgreSQL server to share one database between processes.\n`,
    });
  });
});
