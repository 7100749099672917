import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openDb } from '@/lib/db/client';
import { booksProblems } from './support/books';
import { ROOT } from './support/processes';

const WRITER = path.join(import.meta.dirname, 'support', 'pglite-writer.ts');
const tmp = mkdtempSync(path.join(tmpdir(), 'niaoge-pglite-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

const works = (command: string[]) => spawnSync(command[0]!, command.slice(1), { stdio: 'ignore' }).status === 0;
// A new PID namespace makes every restarted writer pid 1, the case a pid-file lock
// gets wrong (a container's main process). Needs root or user namespaces.
const PID_NAMESPACE = works(['unshare', '--pid', '--fork', '--kill-child', 'true']);
const MOUNT_NAMESPACE = works(['unshare', '--mount', 'sh', '-c', `mount -t tmpfs -o size=1m none ${tmp} && umount ${tmp}`]);
const AS_ROOT = process.getuid?.() === 0;

type Writer = { child: ChildProcess; lines: string[]; first: Promise<string> };

/** Starts pglite-writer.ts (optionally wrapped, e.g. in unshare); `first` is its first line. */
function writer(dir: string, mode: 'write' | 'hold', wrap: string[] = []): Writer {
  const command = [...wrap, process.execPath, '--import', 'tsx', WRITER, dir, mode];
  const child = spawn(command[0]!, command.slice(1), { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const lines: string[] = [];
  let buffer = '';
  let stderr = '';
  child.stderr!.on('data', (c) => (stderr += c));
  const first = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      buffer += chunk;
      const parts = buffer.split('\n');
      buffer = parts.pop()!;
      lines.push(...parts);
      if (lines.length) resolve(lines[0]!);
    });
    child.once('close', (code, signal) => reject(new Error(`writer ended (${code ?? signal}) without a word:\n${stderr}`)));
  });
  return { child, lines, first };
}

const ended = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.exitCode !== null || child.signalCode !== null
      ? resolve({ code: child.exitCode, signal: child.signalCode })
      : child.once('close', (code, signal) => resolve({ code, signal })),
  );
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the embedded database under crashes', () => {
  it('opens again after SIGKILL mid-write, 20 times, with every acknowledged change kept and the books balanced', async () => {
    const dir = path.join(tmp, 'crash');
    const wrap = PID_NAMESPACE ? ['unshare', '--pid', '--fork', '--kill-child'] : [];
    const acknowledged: string[] = [];
    const pids = new Set<string>();
    for (let round = 0; round < 20; round++) {
      const w = writer(dir, 'write', wrap);
      const first = await w.first;
      expect(first).toMatch(/^open \d+ /);
      const [, pid, problems] = /^open (\d+) (.*)$/.exec(first)!;
      pids.add(pid!);
      expect(JSON.parse(problems!), `round ${round}`).toEqual({ balances: [], chains: [], stock: [] });
      // Killed at a different point of its writing each time.
      await sleep(50 + Math.floor(Math.random() * 300));
      w.child.kill('SIGKILL');
      await ended(w.child);
      acknowledged.push(...w.lines.filter((l) => l.startsWith('ack ')).map((l) => l.slice(4)));
    }
    // Every writer had the same pid: no lock judged by pid could have told them apart.
    if (PID_NAMESPACE) expect([...pids]).toEqual(['1']);
    expect(acknowledged.length).toBeGreaterThan(20);

    const handle = await openDb({ dir, url: '' });
    try {
      expect(await booksProblems(handle.db)).toEqual({ balances: [], chains: [], stock: [] });
      const { rows } = (await handle.db.execute(sql`select reference from ledger`)) as unknown as { rows: { reference: string }[] };
      const stored = new Set(rows.map((r) => r.reference));
      expect(acknowledged.filter((r) => !stored.has(r))).toEqual([]);
      // Nothing doubled: the ledger's unique key holds, and every reference is one change.
      expect(stored.size).toBe(rows.length);
    } finally {
      await handle.close();
    }
  }, 300_000);

  it('of two processes started at the same instant on one folder, exactly one opens it and the other says who has it, 50 times', async () => {
    const dir = path.join(tmp, 'twins');
    // Made once: the rounds reopen it, as a restarted site would.
    (await openDb({ dir, url: '' })).close();
    for (let round = 0; round < 50; round++) {
      const pair = [writer(dir, 'hold'), writer(dir, 'hold')];
      const lines = await Promise.all(pair.map((w) => w.first));
      const opened = lines.filter((l) => l.startsWith('open '));
      expect(opened, `round ${round}: ${lines.join(' | ')}`).toHaveLength(1);
      const holder = opened[0]!.slice(5);
      const refusal = lines.find((l) => !l.startsWith('open '))!;
      expect(refusal).toMatch(new RegExp(`^refused the embedded database in .* is in use by process ${holder}\\. Stop it first`));
      await Promise.all(pair.map((w) => (w.child.kill('SIGKILL'), ended(w.child))));
    }
  }, 300_000);
});

describe('an embedded database folder that cannot take writes', () => {
  it.runIf(AS_ROOT || process.platform === 'linux')('says so at start-up when it is read-only, and exits instead of crashing', async () => {
    const dir = path.join(tmp, 'readonly');
    (await openDb({ dir, url: '' })).close();
    // Root may write anywhere its mode says not to: run the site as another user then.
    chmodSync(dir, 0o555);
    chmodSync(tmp, 0o755);
    const wrap = AS_ROOT ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : [];
    try {
      const w = writer(dir, 'hold', wrap);
      expect(await w.first).toMatch(
        new RegExp(`^refused the embedded database folder ${dir} cannot be used: it cannot be written \\(EACCES\\)\\. Make it writable`),
      );
      expect(await ended(w.child)).toEqual({ code: 3, signal: null });
    } finally {
      chmodSync(dir, 0o755);
    }
  });

  it.runIf(MOUNT_NAMESPACE)('says so at start-up when its disk is nearly full', async () => {
    const dir = path.join(tmp, 'full-source');
    (await openDb({ dir, url: '' })).close();
    const mountpoint = path.join(tmp, 'full');
    cpSync(dir, mountpoint, { recursive: true });
    // A small disk of its own, visible only to the writer: the folder fits, little else does.
    const script = `set -e; mount -t tmpfs -o size=48m none "$1"; cp -a "$2"/. "$1"/; shift 2; exec "$@"`;
    const w = writer(mountpoint, 'hold', ['unshare', '--mount', 'sh', '-c', script, 'sh', mountpoint, dir]);
    expect(await w.first).toMatch(
      new RegExp(`^refused the embedded database folder ${mountpoint} cannot be used: only \\d+ MB free on its disk, and it needs at least 64 MB\\.`),
    );
    expect(await ended(w.child)).toEqual({ code: 3, signal: null });
  });
});
