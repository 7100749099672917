import { eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { articleStats } from '../db/schema';

export type ArticleTotals = { favourites: number; ratings: number; stars: number; approvedComments: number };

const ZERO: ArticleTotals = { favourites: 0, ratings: 0, stars: 0, approvedComments: 0 };

/**
 * The article's totals: one primary-key read of the counters the triggers of
 * migration 0007 keep, instead of counting the article's rows (500,000 favourites
 * took seconds a request under load; bench/scale.mjs). An article nobody has touched has no row.
 */
export async function getArticleTotals(db: Db | Tx, articleSlug: string): Promise<ArticleTotals> {
  const [row] = await db
    .select({
      favourites: articleStats.favourites,
      ratings: articleStats.ratings,
      stars: articleStats.stars,
      approvedComments: articleStats.approvedComments,
    })
    .from(articleStats)
    .where(eq(articleStats.articleSlug, articleSlug));
  return row ?? ZERO;
}

/**
 * Locks, in slug order, the counter rows of every article the account has a
 * favourite, rating or comment on. Account deletion calls it (after the account's
 * lock) before deleting those rows: its three deletes would otherwise take the
 * counters table by table, and two deletions at once could take two articles'
 * rows in opposite orders and deadlock.
 */
export async function lockArticleStatsOf(tx: Tx, accountId: number): Promise<void> {
  await tx.execute(sql`
    select ${articleStats.articleSlug} from ${articleStats} where ${articleStats.articleSlug} in (
      select article_slug from favourites where account_id = ${accountId}
      union select article_slug from ratings where account_id = ${accountId}
      union select article_slug from comments where account_id = ${accountId}
    ) order by ${articleStats.articleSlug} for no key update`);
}
