import { describe, expect, it, vi } from 'vitest';

// The hasher held open by the test: each hash waits until released, so how many run at once can be counted.
const calls = vi.hoisted(() => ({ running: 0, peak: 0, release: [] as Array<() => void> }));
vi.mock('@/lib/auth/hasher', () => ({
  scryptOffThread: (_p: string, _s: Buffer, keylen: number) =>
    new Promise<Buffer>((resolve) => {
      calls.running++;
      calls.peak = Math.max(calls.peak, calls.running);
      calls.release.push(() => {
        calls.running--;
        resolve(Buffer.alloc(keylen));
      });
    }),
}));

const { HASH_CONCURRENCY, HASH_DEADLINE_MS, HASH_QUEUE, PasswordHasherBusy, hashPassword, needsRehash } = await import('@/lib/auth/passwords');

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('password hashing under a flood', () => {
  it('runs at most HASH_CONCURRENCY hashes at once, queues HASH_QUEUE more and refuses the rest as busy', async () => {
    const flood = Array.from({ length: HASH_CONCURRENCY + HASH_QUEUE + 5 }, () =>
      hashPassword('correct horse').then(
        () => 'done',
        (e: unknown) => (e instanceof PasswordHasherBusy ? 'busy' : 'error'),
      ),
    );
    await tick();
    expect(calls.running).toBe(HASH_CONCURRENCY);
    // Drain: every release lets exactly one waiting hash start.
    while (calls.release.length > 0) {
      calls.release.shift()!();
      await tick();
      expect(calls.running).toBeLessThanOrEqual(HASH_CONCURRENCY);
    }
    const results = await Promise.all(flood);
    expect(results.filter((r) => r === 'done')).toHaveLength(HASH_CONCURRENCY + HASH_QUEUE);
    expect(results.filter((r) => r === 'busy')).toHaveLength(5);
    expect(calls.peak).toBe(HASH_CONCURRENCY);
    // Once drained, hashing works again.
    const again = hashPassword('correct horse');
    await tick();
    calls.release.shift()!();
    await expect(again).resolves.toMatch(/^scrypt\$32768\$8\$3\$/);
  });

  it('tells a sign-in it is busy when its hash has not finished by the deadline, and keeps the bound', async () => {
    vi.useFakeTimers();
    try {
      const stuck = Array.from({ length: HASH_CONCURRENCY + 3 }, () =>
        hashPassword('correct horse').then(
          () => 'done',
          (e: unknown) => (e instanceof PasswordHasherBusy ? 'busy' : 'error'),
        ),
      );
      await vi.advanceTimersByTimeAsync(HASH_DEADLINE_MS + 1);
      expect(await Promise.all(stuck)).toEqual(Array(HASH_CONCURRENCY + 3).fill('busy'));
      // The stuck hashes still hold their slots: nothing more runs until they end.
      expect(calls.running).toBe(HASH_CONCURRENCY);
      while (calls.release.length > 0) {
        calls.release.shift()!();
        await vi.advanceTimersByTimeAsync(0);
      }
      expect(calls.running).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('knows which stored hashes to upgrade', () => {
    expect(needsRehash('scrypt$32768$8$1$c2FsdA==$aGFzaA==')).toBe(true);
    expect(needsRehash('scrypt$32768$8$3$c2FsdA==$aGFzaA==')).toBe(false);
    expect(needsRehash('bcrypt$whatever')).toBe(true);
  });
});
