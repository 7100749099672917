import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb } from '@/lib/db/client';
import { DbFolderLockedError } from '@/lib/db/folder-lock';

// PGlite takes no lock between processes and two writers on one folder lose data
// silently, so a folder in use by a live process must be refused.
describe('embedded database folder lock', () => {
  const dirs: string[] = [];
  const newDir = () => {
    const d = mkdtempSync(path.join(tmpdir(), 'pglite-lock-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('refuses a folder held by another live process, naming it', async () => {
    const dir = newDir();
    const holder = spawn('sleep', ['30']);
    try {
      writeFileSync(path.join(dir, '.lock'), String(holder.pid));
      await expect(openDb({ dir, url: '' })).rejects.toThrow(DbFolderLockedError);
      await expect(openDb({ dir, url: '' })).rejects.toThrow(`in use by process ${holder.pid}`);
    } finally {
      holder.kill();
    }
  });

  it('takes over a lock left by a dead process, and releases it on close', async () => {
    const dir = newDir();
    writeFileSync(path.join(dir, '.lock'), '999999999');
    const handle = await openDb({ dir, url: '' });
    expect(readFileSync(path.join(dir, '.lock'), 'utf8')).toBe(String(process.pid));
    await handle.close();
    expect(existsSync(path.join(dir, '.lock'))).toBe(false);
  }, 30_000);
});
