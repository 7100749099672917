import { randomBytes, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { scryptOffThread } from './hasher';

// scrypt with N = 2^15, r = 8, p = 3: one of OWASP's equivalent minimums (as strong
// as N = 2^17, p = 1) at a quarter of the memory, 32 MiB per hash, so a burst of
// sign-ins cannot exhaust memory. About 150–300 ms per hash here.
const N = 2 ** 15;
const R = 8;
const P = 3;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
// Upper bounds for parameters read back from a stored hash, so a corrupt row cannot make us allocate gigabytes.
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;

/**
 * Hashes at once per app server: half the cores (one on a 2-core machine). They
 * run in a hasher process of lower CPU priority (lib/auth/hasher.ts), and scrypt is
 * memory-hard (32 MiB each, sharing the cache with page serving), so the other
 * half stays with the pages during a flood of sign-ins.
 */
export const HASH_CONCURRENCY = Math.max(1, Math.floor(availableParallelism() / 2));
/** Hashes that may wait for a turn; beyond it a sign-in is refused at once as busy. */
export const HASH_QUEUE = 64;
/**
 * The longest a sign-in waits for its hash, turn and hashing together; then busy.
 * The hasher runs only on idle cycles, so on a machine saturated by page views a
 * hash may not finish soon, and a reader is better told to try again.
 */
export const HASH_DEADLINE_MS = 15_000;

/** Thrown when too many hashes are already waiting: the caller answers 503 busy. */
export class PasswordHasherBusy extends Error {
  constructor() {
    super('too many password hashes waiting');
  }
}

let running = 0;
const waiting: Array<{ start: () => void }> = [];

/**
 * Throws PasswordHasherBusy now if a hash could not even wait for a turn: a flood
 * of sign-ins is refused before it costs the database anything.
 */
export function assertHasherHasRoom(): void {
  if (running >= HASH_CONCURRENCY && waiting.length >= HASH_QUEUE) throw new PasswordHasherBusy();
}

/**
 * Runs `work` when one of the HASH_CONCURRENCY slots is free (FIFO), or throws
 * PasswordHasherBusy: at once when HASH_QUEUE are already waiting, or when the turn
 * and the work together pass HASH_DEADLINE_MS (the slot stays taken until the
 * work really ends, so the bound holds).
 */
async function withHashSlot<T>(work: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + HASH_DEADLINE_MS;
  if (running >= HASH_CONCURRENCY) {
    if (waiting.length >= HASH_QUEUE) throw new PasswordHasherBusy();
    await new Promise<void>((resolve, reject) => {
      const entry = { start: resolve };
      waiting.push(entry);
      setTimeout(() => {
        const at = waiting.indexOf(entry);
        if (at < 0) return; // its turn came
        waiting.splice(at, 1);
        reject(new PasswordHasherBusy());
      }, HASH_DEADLINE_MS).unref();
    });
  } else running++;
  const done = work().finally(() => {
    const next = waiting.shift();
    if (next) next.start();
    else running--;
  });
  done.catch(() => {}); // when the deadline has answered first, a later failure has nobody to tell
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PasswordHasherBusy()), Math.max(0, deadline - Date.now()));
    timer.unref();
  });
  try {
    return await Promise.race([done, late]);
  } finally {
    clearTimeout(timer);
  }
}

const scryptAsync = (password: string, salt: Buffer, keylen: number, options: Required<Pick<ScryptOptions, 'N' | 'r' | 'p' | 'maxmem'>>) =>
  withHashSlot(() => scryptOffThread(password, salt, keylen, options));

// scrypt needs about 128 * N * r bytes; Node refuses at its default limit of 32 MiB, so allow twice that.
const maxmem = (n: number, r: number) => 256 * n * r;

/** Hashes a password with scrypt and a random salt, as `scrypt$N$r$p$saltB64$hashB64`. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await scryptAsync(password, salt, KEY_BYTES, { N, r: R, p: P, maxmem: maxmem(N, R) });
  return ['scrypt', N, R, P, salt.toString('base64'), key.toString('base64')].join('$');
}

/** Whether a stored hash was made with other parameters than hashPassword's today (rehash it at the next sign-in). */
export function needsRehash(stored: string): boolean {
  const [kind, n, r, p] = stored.split('$');
  return kind !== 'scrypt' || Number(n) !== N || Number(r) !== R || Number(p) !== P;
}

const isPowerOfTwo = (n: number) => n > 1 && (n & (n - 1)) === 0;

/** Whether `password` matches a hash made by hashPassword (false for a malformed hash), compared in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [n, r, p] = parts.slice(1, 4).map((s) => (/^[0-9]{1,8}$/.test(s ?? '') ? Number(s) : NaN)) as [number, number, number];
  if (!isPowerOfTwo(n) || n > MAX_N || !(r >= 1 && r <= MAX_R) || !(p >= 1 && p <= MAX_P)) return false;
  const salt = Buffer.from(parts[4] ?? '', 'base64');
  const expected = Buffer.from(parts[5] ?? '', 'base64');
  if (salt.length === 0 || expected.length < 16) return false;
  const actual = await scryptAsync(password, salt, expected.length, { N: n, r, p, maxmem: maxmem(n, r) });
  return timingSafeEqual(actual, expected);
}
