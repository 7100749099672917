import { fork, spawn, type ChildProcess } from 'node:child_process';
import { scrypt, type ScryptOptions } from 'node:crypto';
import { existsSync } from 'node:fs';
import { setPriority } from 'node:os';
import path from 'node:path';

/** How much lower than the server the hasher runs where it cannot be SCHED_IDLE. */
const HASHER_NICENESS = 10;
const CHRT = '/usr/bin/chrt';

type Pending = { resolve: (key: Buffer) => void; reject: (error: Error) => void };

let child: ChildProcess | null = null;
let nextId = 0;
const pending = new Map<number, Pending>();

function hasher(): ChildProcess | null {
  if (child?.connected) return child;
  try {
    const file = path.join(/*turbopackIgnore: true*/ process.cwd(), 'server', 'hasher.mjs');
    // SCHED_IDLE where util-linux's chrt is there: the hasher runs only on cycles the
    // page-serving threads leave idle (scrypt is memory-hard: with mere nice it still
    // shared the cache and the memory bus with them). Otherwise a lower nice value.
    const started = existsSync(CHRT)
      ? spawn(CHRT, ['--idle', '0', process.execPath, file], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
      : fork(file, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: [] });
    try {
      if (started.pid && !existsSync(CHRT)) setPriority(started.pid, HASHER_NICENESS);
    } catch (error) {
      console.error(`password hasher runs at normal priority: ${(error as Error).message}`);
    }
    started.on('message', (m: { id: number; key?: string; error?: string }) => {
      const waiter = pending.get(m.id);
      if (!waiter) return;
      pending.delete(m.id);
      if (m.key !== undefined) waiter.resolve(Buffer.from(m.key, 'base64'));
      else waiter.reject(new Error(m.error ?? 'hash failed'));
    });
    started.on('exit', () => {
      if (child === started) child = null;
      // What it held is lost with it: those sign-ins fail (503) rather than hang.
      for (const [id, waiter] of pending) {
        pending.delete(id);
        waiter.reject(new Error('password hasher exited'));
      }
    });
    started.on('error', (error) => console.error(`password hasher: ${error.message}`));
    // Never keeps the server (or a test run) alive on its own.
    started.unref();
    started.channel?.unref();
    child = started;
    return child;
  } catch (error) {
    console.error(`password hasher could not start, hashing in-process: ${(error as Error).message}`);
    return null;
  }
}

/**
 * scrypt, in the low-priority hasher process when it can be started (in-process
 * on Node's thread pool otherwise). The caller bounds how many run at once.
 */
export function scryptOffThread(
  password: string,
  salt: Buffer,
  keylen: number,
  options: Required<Pick<ScryptOptions, 'N' | 'r' | 'p' | 'maxmem'>>,
): Promise<Buffer> {
  const target = hasher();
  if (!target) {
    return new Promise((resolve, reject) => scrypt(password, salt, keylen, options, (error, key) => (error ? reject(error) : resolve(key))));
  }
  return new Promise((resolve, reject) => {
    const id = ++nextId;
    pending.set(id, { resolve, reject });
    target.send({ id, password, salt: salt.toString('base64'), keylen, ...options }, (error) => {
      if (error && pending.delete(id)) reject(error);
    });
  });
}
