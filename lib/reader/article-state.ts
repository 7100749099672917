import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { FavouriteState } from './favourites';
import { ratingState, type RatingState } from './ratings';

export type ArticleState = {
  favourite: FavouriteState;
  rating: RatingState;
  /** Approved comments shown under the article (the action bar's 评论 count). */
  comments: number;
  quiz: { correct: boolean } | null;
  /** null: a free article; false/true: a paid one, locked or unlocked for this reader. */
  unlocked: boolean | null;
  /** What is left of each gift asked about (by id): beside the article, whose page shows no stock. */
  stock: Record<string, number>;
};

/** A gift as the stock needs it: its id and how many content/gifts.md offers. */
export type StockedGift = { id: string; stock: number };

type Row = {
  favourites: number;
  favourited: boolean;
  ratings: number;
  stars: number;
  mine: number | null;
  comments: number;
  correct: boolean | null;
  unlocked: boolean;
  redeemed: Record<string, number> | null;
};

/**
 * Everything `/api/reader-state` shows about one article, in one statement: the
 * page asks for it on every load, and six small queries cost six round trips and
 * six times the driver's and the query builder's work (measured: the request's
 * cost was mostly that, not the database). Each part is an index lookup on the
 * same keys the single-purpose reads use (lib/reader/favourites.ts, ratings.ts,
 * lib/feathers/rewards.ts, unlock.ts, lib/comments/comments.ts); a signed-out reader (`accountId` null)
 * matches no row of their own. The totals are the article's counter row
 * (lib/reader/article-stats.ts): counting its rows cost O(rows) per page load.
 * The gifts' stock is their `gift_stock` rows, by primary key (lib/feathers/mall.ts
 * getRemainingStock says the same).
 */
export async function getArticleState(
  db: Db,
  accountId: number | null,
  articleSlug: string,
  paid: boolean,
  gifts: readonly StockedGift[] = [],
): Promise<ArticleState> {
  const ids = gifts.map((g) => g.id);
  const redeemed = ids.length > 0 ? sql`(select json_object_agg(gift_id, redeemed) from gift_stock where gift_id in ${ids})` : sql`null::json`;
  const result = await db.execute(sql`
    select
      coalesce(t.favourites, 0) as favourites,
      exists (select 1 from favourites where account_id = ${accountId} and article_slug = ${articleSlug}) as favourited,
      coalesce(t.ratings, 0) as ratings, coalesce(t.stars, 0)::float8 as stars,
      (select stars from ratings where account_id = ${accountId} and article_slug = ${articleSlug}) as mine,
      coalesce(t.approved_comments, 0) as comments,
      (select correct from quiz_attempts where account_id = ${accountId} and article_slug = ${articleSlug}) as correct,
      exists (select 1 from unlocks where account_id = ${accountId} and article_slug = ${articleSlug}) as unlocked,
      ${redeemed} as redeemed
    from (select 1) as one left join article_stats t on t.article_slug = ${articleSlug}`);
  const row = (result as unknown as { rows: Row[] }).rows[0];
  if (!row) throw new Error('article state: no row'); // the left join always yields one
  return {
    favourite: { favourited: row.favourited, count: row.favourites },
    rating: ratingState(row.stars, row.ratings, row.mine),
    comments: row.comments,
    quiz: row.correct === null ? null : { correct: row.correct },
    unlocked: paid ? row.unlocked : null,
    stock: Object.fromEntries(gifts.map((g) => [g.id, Math.max(0, g.stock - (row.redeemed?.[g.id] ?? 0))])),
  };
}
