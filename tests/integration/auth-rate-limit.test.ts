import { describe, expect, it } from 'vitest';
import { consumeAttempt, deleteStaleAttempts, refundAttempt } from '@/lib/auth/rate-limit';
import { rateLimits } from '@/lib/db/schema';
import { BACKENDS } from './support/databases';
import { perTestDatabase } from './support/per-test-database';

describe.each(BACKENDS)('attempt counters on %s', (backend) => {
  const freshDb = perTestDatabase(backend);
  const t0 = new Date('2030-01-01T00:00:00Z');
  const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

  it('counts every one of 30 concurrent attempts and allows exactly the limit', async () => {
    const db = await freshDb();
    const results = await Promise.all(Array.from({ length: 30 }, () => consumeAttempt(db, 'k', { limit: 10, windowSeconds: 60, now: t0 })));
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
    expect(results.filter((r) => !r.allowed).every((r) => r.retryAfterSeconds === 60)).toBe(true);
    expect(await db.select().from(rateLimits)).toEqual([{ key: 'k', windowStart: t0, count: 30 }]);
  });

  it('keeps a fixed window from its first attempt, then starts a new one', async () => {
    const db = await freshDb();
    const opts = (seconds: number) => ({ limit: 2, windowSeconds: 60, now: at(seconds) });
    expect(await consumeAttempt(db, 'k', opts(0))).toEqual({ allowed: true, retryAfterSeconds: 0, windowStart: t0 });
    expect(await consumeAttempt(db, 'k', opts(10))).toEqual({ allowed: true, retryAfterSeconds: 0, windowStart: t0 });
    expect(await consumeAttempt(db, 'k', opts(20.5))).toEqual({ allowed: false, retryAfterSeconds: 40, windowStart: t0 });
    expect(await consumeAttempt(db, 'k', opts(59))).toEqual({ allowed: false, retryAfterSeconds: 1, windowStart: t0 });
    expect(await consumeAttempt(db, 'other', opts(59))).toEqual({ allowed: true, retryAfterSeconds: 0, windowStart: at(59) });
    expect(await consumeAttempt(db, 'k', opts(60))).toEqual({ allowed: true, retryAfterSeconds: 0, windowStart: at(60) });
    const rows = await db.select().from(rateLimits).orderBy(rateLimits.key);
    expect(rows).toEqual([
      { key: 'k', windowStart: at(60), count: 1 },
      { key: 'other', windowStart: at(59), count: 1 },
    ]);
  });

  it('takes a refunded attempt back only from the window it was counted in', async () => {
    const db = await freshDb();
    const opts = (seconds: number) => ({ limit: 5, windowSeconds: 60, now: at(seconds) });
    const old = await consumeAttempt(db, 'k', opts(0));
    await consumeAttempt(db, 'k', opts(61)); // a new window
    await refundAttempt(db, 'k', old);
    expect(await db.select().from(rateLimits)).toEqual([{ key: 'k', windowStart: at(61), count: 1 }]);
    const fresh = await consumeAttempt(db, 'k', opts(62));
    await refundAttempt(db, 'k', fresh);
    expect(await db.select().from(rateLimits)).toEqual([{ key: 'k', windowStart: at(61), count: 1 }]);
  });

  it('deletes stale counters on clean-up and keeps the others', async () => {
    const db = await freshDb();
    const opts = { limit: 1, windowSeconds: 60, now: t0 };
    await consumeAttempt(db, 'k', opts);
    expect((await consumeAttempt(db, 'k', opts)).allowed).toBe(false);

    await consumeAttempt(db, 'newer', { ...opts, now: at(100) });
    expect(await deleteStaleAttempts(db, { olderThanSeconds: 60, now: at(120) })).toBe(1);
    expect((await db.select().from(rateLimits)).map((r) => r.key)).toEqual(['newer']);
  });
});
