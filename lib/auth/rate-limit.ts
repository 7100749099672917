import { and, eq, gt, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { rateLimits } from '../db/schema';

export type AttemptLimit = {
  /** Attempts allowed per window. */
  limit: number;
  /** Length of the fixed window, from its first attempt. */
  windowSeconds: number;
  now?: Date;
};

export type AttemptResult = {
  allowed: boolean;
  /** 0 when allowed; otherwise whole seconds until the window ends (at least 1). */
  retryAfterSeconds: number;
  /** The window this attempt was counted in (what refundAttempt takes back from). */
  windowStart: Date;
};

/**
 * Counts one attempt on `key` in a fixed window and says whether it is within the limit;
 * one atomic upsert, so concurrent attempts from any number of app instances are all counted.
 */
export async function consumeAttempt(db: Db, key: string, { limit, windowSeconds, now = new Date() }: AttemptLimit): Promise<AttemptResult> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const cutoff = new Date(now.getTime() - windowSeconds * 1000);
  // In DO UPDATE every expression sees the row as it was, so both CASEs test the old window.
  const expired = sql`${rateLimits.windowStart} <= ${cutoff.toISOString()}::timestamptz`;
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStart: now, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${expired} then 1 else ${rateLimits.count} + 1 end`,
        windowStart: sql`case when ${expired} then ${at} else ${rateLimits.windowStart} end`,
      },
    })
    .returning({ count: rateLimits.count, windowStart: rateLimits.windowStart });
  if (!row) throw new Error(`rate limit upsert on ${key} returned no row`);
  if (row.count <= limit) return { allowed: true, retryAfterSeconds: 0, windowStart: row.windowStart };
  const endsAt = row.windowStart.getTime() + windowSeconds * 1000;
  // Clamped to the window, in case another instance's clock ran ahead when it opened the window.
  const seconds = Math.ceil((endsAt - now.getTime()) / 1000);
  return { allowed: false, retryAfterSeconds: Math.min(Math.max(1, seconds), Math.ceil(windowSeconds)), windowStart: row.windowStart };
}

/**
 * Takes back one attempt counted on `key` (a sign-in that succeeded after it was
 * counted): counting first and refunding a success is what lets concurrent
 * attempts never pass the limit while only failures stay counted. Only from the
 * window it was counted in: after the window has rolled over there is nothing to take back.
 */
export async function refundAttempt(db: Db, key: string, counted: Pick<AttemptResult, 'windowStart'>): Promise<void> {
  await db
    .update(rateLimits)
    .set({ count: sql`${rateLimits.count} - 1` })
    .where(and(eq(rateLimits.key, key), eq(rateLimits.windowStart, counted.windowStart), gt(rateLimits.count, 0)));
}

/** Deletes counters whose window started at least `olderThanSeconds` ago (the longest window in use); returns how many. */
export async function deleteStaleAttempts(db: Db, { olderThanSeconds, now = new Date() }: { olderThanSeconds: number; now?: Date }): Promise<number> {
  const cutoff = new Date(now.getTime() - olderThanSeconds * 1000);
  const rows = await db.delete(rateLimits).where(lte(rateLimits.windowStart, cutoff)).returning({ key: rateLimits.key });
  return rows.length;
}
