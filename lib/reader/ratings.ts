import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client';
import { ratings } from '../db/schema';
import { getArticleTotals } from './article-stats';

/** A rating as a form sends it: a whole number of stars from 1 to 5. */
export const Stars = z.coerce.number({ error: 'stars_range' }).int({ error: 'stars_range' }).min(1, { error: 'stars_range' }).max(5, { error: 'stars_range' });

export type RatingState = {
  /** Mean of all ratings rounded to one decimal, or null when there are none. */
  mean: number | null;
  count: number;
  /** The reader's own rating, or null. */
  mine: number | null;
};

/**
 * Sets the reader's rating of the article, replacing an earlier one: one row per
 * account and article, so concurrent ratings by different readers all count and a
 * reader's repeats never do.
 */
export async function rateArticle(db: Db, accountId: number, articleSlug: string, stars: number): Promise<RatingState> {
  const valid = Stars.parse(stars);
  await db
    .insert(ratings)
    .values({ accountId, articleSlug, stars: valid })
    .onConflictDoUpdate({ target: [ratings.accountId, ratings.articleSlug], set: { stars: valid, updatedAt: sql`now()` } });
  return getRatingState(db, accountId, articleSlug);
}

/** 综合评分 (mean and count) and 我的评分 for the article. */
export async function getRatingState(db: Db, accountId: number | null, articleSlug: string): Promise<RatingState> {
  // The totals are the counters (lib/reader/article-stats.ts), not a count of the article's ratings.
  const totals = await getArticleTotals(db, articleSlug);
  let mine: number | null = null;
  if (accountId !== null) {
    const [row] = await db
      .select({ stars: ratings.stars })
      .from(ratings)
      .where(and(eq(ratings.accountId, accountId), eq(ratings.articleSlug, articleSlug)));
    mine = row?.stars ?? null;
  }
  return ratingState(totals.stars, totals.ratings, mine);
}

/** The state from integer sums: rounding once here, no float drift from averaging in SQL. */
export function ratingState(sum: number, count: number, mine: number | null): RatingState {
  return { mean: count === 0 ? null : Math.round((sum * 10) / count) / 10, count, mine };
}
