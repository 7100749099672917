import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb } from '@/lib/db/client';
import { acquireFolderLock, DbFolderLockedError } from '@/lib/db/folder-lock';

const HOLDER = path.join(import.meta.dirname, 'support', 'hold-folder-lock.ts');

/** Starts a process that tries to lock `dir`; resolves with it and its first line ("locked <pid>" or "refused …"). */
function holder(dir: string): Promise<{ child: ChildProcess; line: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', HOLDER, dir], { stdio: ['pipe', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) resolve({ child, line: out.trim() });
    });
    child.once('exit', (code) => (out.includes('\n') ? undefined : reject(new Error(`holder exited ${code} without a word`))));
  });
}

const exited = (child: ChildProcess) => new Promise((resolve) => (child.exitCode !== null ? resolve(undefined) : child.once('exit', resolve)));

// PGlite takes no lock between processes and two writers on one folder lose data
// silently, so a folder in use by a live process must be refused, and a folder whose
// holder died (however it died) must open.
describe('embedded database folder lock', () => {
  const dirs: string[] = [];
  const children: ChildProcess[] = [];
  const newDir = () => {
    const d = mkdtempSync(path.join(tmpdir(), 'pglite-lock-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    for (const c of children.splice(0)) c.kill('SIGKILL');
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('refuses a folder held by another live process, naming it, and opens it as soon as that process is killed', async () => {
    const dir = newDir();
    const { child, line } = await holder(dir);
    children.push(child);
    expect(line).toBe(`locked ${child.pid}`);
    await expect(openDb({ dir, url: '' })).rejects.toThrow(DbFolderLockedError);
    await expect(openDb({ dir, url: '' })).rejects.toThrow(`in use by process ${child.pid}`);

    child.kill('SIGKILL');
    await exited(child);
    const handle = await openDb({ dir, url: '' });
    await handle.close();
    // A new PGlite folder takes about 3 s to create, over a minute on a loaded 2-core machine.
  }, 180_000);

  it('refuses a second handle in the same process until the first is released', async () => {
    const dir = newDir();
    const release = await acquireFolderLock(dir);
    await expect(acquireFolderLock(dir)).rejects.toThrow(`in use by process ${process.pid}`);
    release();
    (await acquireFolderLock(dir))();
  });

  it('ignores a lock file left by an older version, even one naming this very process', async () => {
    // The old pid-file lock refused forever when a restarted process got the dead one's pid.
    const dir = newDir();
    writeFileSync(path.join(dir, '.lock'), String(process.pid));
    (await acquireFolderLock(dir))();
  });

  it('of two processes started at the same instant, exactly one gets the folder, 10 times in a row', async () => {
    for (let round = 0; round < 10; round++) {
      const dir = newDir();
      const both = await Promise.all([holder(dir), holder(dir)]);
      children.push(...both.map((b) => b.child));
      const lines = both.map((b) => b.line).sort();
      expect(lines[0]).toMatch(/^locked \d+$/);
      expect(lines[1]).toMatch(/^refused the embedded database in .* is in use by process \d+\./);
      for (const b of both) b.child.kill('SIGKILL');
      await Promise.all(both.map((b) => exited(b.child)));
    }
  }, 120_000);
});
