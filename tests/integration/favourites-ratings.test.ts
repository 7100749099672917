import { describe, expect, it } from 'vitest';
import type { Db } from '@/lib/db/client';
import { favourites, ratings } from '@/lib/db/schema';
import { getFavouriteState, listFavourites, setFavourite } from '@/lib/reader/favourites';
import { rateArticle, getRatingState } from '@/lib/reader/ratings';
import { BACKENDS } from './support/databases';
import { perTestDatabase } from './support/per-test-database';
import { testAccount } from './support/sign-up';

const SLUG = 'how-ecommerce-operations-work';

const reader = async (db: Db, username: string) => (await testAccount(db, username)).id;

describe.each(BACKENDS)('favourites and ratings on %s', (backend) => {
  const freshDb = perTestDatabase(backend);

  it('adds and removes a favourite, counting readers, and lists it on /me', async () => {
    const db = await freshDb();
    const [a, b] = [await reader(db, 'alice'), await reader(db, 'bob')];
    expect(await getFavouriteState(db, a, SLUG)).toEqual({ favourited: false, count: 0 });
    expect(await setFavourite(db, a, SLUG, true)).toEqual({ favourited: true, count: 1 });
    expect(await setFavourite(db, b, SLUG, true)).toEqual({ favourited: true, count: 2 });
    expect(await getFavouriteState(db, null, SLUG)).toEqual({ favourited: false, count: 2 });
    expect((await listFavourites(db, a)).map((f) => f.articleSlug)).toEqual([SLUG]);
    expect(await setFavourite(db, a, SLUG, false)).toEqual({ favourited: false, count: 1 });
    expect(await setFavourite(db, a, SLUG, false)).toEqual({ favourited: false, count: 1 });
    expect(await listFavourites(db, a)).toEqual([]);
  });

  it('keeps one favourite however many concurrent adds arrive (a double click)', async () => {
    const db = await freshDb();
    const a = await reader(db, 'alice');
    const results = await Promise.all(Array.from({ length: 20 }, () => setFavourite(db, a, SLUG, true)));
    expect(results.every((r) => r.favourited)).toBe(true);
    expect(await db.select().from(favourites)).toHaveLength(1);
    expect(await getFavouriteState(db, a, SLUG)).toEqual({ favourited: true, count: 1 });
  });

  it('rates 1–5, one rating per reader that they can change, mean to one decimal', async () => {
    const db = await freshDb();
    const [a, b, c] = [await reader(db, 'alice'), await reader(db, 'bob'), await reader(db, 'carol')];
    expect(await getRatingState(db, a, SLUG)).toEqual({ mean: null, count: 0, mine: null });
    expect(await rateArticle(db, a, SLUG, 5)).toEqual({ mean: 5, count: 1, mine: 5 });
    expect(await rateArticle(db, b, SLUG, 4)).toEqual({ mean: 4.5, count: 2, mine: 4 });
    expect(await rateArticle(db, c, SLUG, 4)).toEqual({ mean: 4.3, count: 3, mine: 4 });
    // Changing a rating replaces it.
    expect(await rateArticle(db, a, SLUG, 1)).toEqual({ mean: 3, count: 3, mine: 1 });
    expect(await getRatingState(db, null, SLUG)).toEqual({ mean: 3, count: 3, mine: null });
    expect(await db.select().from(ratings)).toHaveLength(3);
  });

  it('refuses out-of-range stars and changes nothing', async () => {
    const db = await freshDb();
    const a = await reader(db, 'alice');
    for (const stars of [0, 6, 2.5, -1, Number.NaN]) await expect(rateArticle(db, a, SLUG, stars)).rejects.toThrow();
    expect(await db.select().from(ratings)).toHaveLength(0);
  });

  it('counts every one of many readers rating at once', async () => {
    const db = await freshDb();
    const ids = await Promise.all(Array.from({ length: 12 }, (_, i) => reader(db, `reader${i}`)));
    await Promise.all(ids.map((id, i) => rateArticle(db, id, SLUG, (i % 5) + 1)));
    // 12 readers: stars 1,2,3,4,5,1,2,3,4,5,1,2 → 33 / 12 = 2.75 → 2.8
    expect(await getRatingState(db, null, SLUG)).toEqual({ mean: 2.8, count: 12, mine: null });
  });
});
