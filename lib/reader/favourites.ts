import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { favourites } from '../db/schema';
import { getArticleTotals } from './article-stats';

export type FavouriteState = { favourited: boolean; count: number };

/**
 * Adds or removes the reader's favourite. The intent is explicit (not a toggle), so a
 * double click or a retried request lands on the same state; the primary key makes a
 * second add a no-op.
 */
export async function setFavourite(db: Db, accountId: number, articleSlug: string, favourited: boolean): Promise<FavouriteState> {
  if (favourited) {
    await db.insert(favourites).values({ accountId, articleSlug }).onConflictDoNothing();
  } else {
    await db.delete(favourites).where(and(eq(favourites.accountId, accountId), eq(favourites.articleSlug, articleSlug)));
  }
  return { favourited, count: await getFavouriteCount(db, articleSlug) };
}

/** How many readers have favourited the article (the counter, not a count of rows: lib/reader/article-stats.ts). */
export async function getFavouriteCount(db: Db, articleSlug: string): Promise<number> {
  return (await getArticleTotals(db, articleSlug)).favourites;
}

/** The article's count and whether this reader (if any) is among them. */
export async function getFavouriteState(db: Db, accountId: number | null, articleSlug: string): Promise<FavouriteState> {
  const total = await getFavouriteCount(db, articleSlug);
  if (accountId === null) return { favourited: false, count: total };
  const [mine] = await db
    .select({ slug: favourites.articleSlug })
    .from(favourites)
    .where(and(eq(favourites.accountId, accountId), eq(favourites.articleSlug, articleSlug)));
  return { favourited: Boolean(mine), count: total };
}

/** The reader's favourites, newest first. */
export async function listFavourites(db: Db, accountId: number): Promise<Array<{ articleSlug: string; createdAt: Date }>> {
  return db
    .select({ articleSlug: favourites.articleSlug, createdAt: favourites.createdAt })
    .from(favourites)
    .where(eq(favourites.accountId, accountId))
    .orderBy(desc(favourites.createdAt), favourites.articleSlug);
}
