import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { deleteAccount } from '@/lib/account/manage';
import { approveComments, postComment, rejectComments, reportComment, REPORTS_TO_HIDE } from '@/lib/comments/comments';
import type { Db } from '@/lib/db/client';
import { getArticleTotals, type ArticleTotals } from '@/lib/reader/article-stats';
import { setFavourite } from '@/lib/reader/favourites';
import { rateArticle } from '@/lib/reader/ratings';
import { BACKENDS } from './support/databases';
import { perTestDatabase } from './support/per-test-database';
import { testAccount } from './support/sign-up';

const SLUG = 'how-ecommerce-operations-work';
const OTHER = 'another-article';

const reader = async (db: Db, username: string) => (await testAccount(db, username)).id;

/** What the counters must equal: the article's rows, counted. */
async function counted(db: Db, slug: string): Promise<ArticleTotals> {
  const result = await db.execute(sql`select
    (select count(*)::int from favourites where article_slug = ${slug}) as favourites,
    (select count(*)::int from ratings where article_slug = ${slug}) as ratings,
    (select coalesce(sum(stars), 0)::int from ratings where article_slug = ${slug}) as stars,
    (select count(*)::int from comments where article_slug = ${slug} and status = 'approved' and not hidden) as "approvedComments"`);
  return (result as unknown as { rows: ArticleTotals[] }).rows[0]!;
}

async function expectExact(db: Db, slug: string, expected: ArticleTotals) {
  expect(await counted(db, slug)).toEqual(expected); // the scenario did what it meant to
  expect(await getArticleTotals(db, slug)).toEqual(expected);
}

describe.each(BACKENDS)('article counters on %s', (backend) => {
  const freshDb = perTestDatabase(backend);

  it('follow favourites added and removed, and ratings added and changed', async () => {
    const db = await freshDb();
    const [a, b] = [await reader(db, 'alice'), await reader(db, 'bob')];
    await expectExact(db, SLUG, { favourites: 0, ratings: 0, stars: 0, approvedComments: 0 });
    await setFavourite(db, a, SLUG, true);
    await setFavourite(db, a, SLUG, true); // a second add is no row, and no count
    await setFavourite(db, b, SLUG, true);
    await setFavourite(db, b, OTHER, true);
    await rateArticle(db, a, SLUG, 5);
    await rateArticle(db, b, SLUG, 2);
    await expectExact(db, SLUG, { favourites: 2, ratings: 2, stars: 7, approvedComments: 0 });
    await setFavourite(db, a, SLUG, false);
    await setFavourite(db, a, SLUG, false);
    await rateArticle(db, a, SLUG, 1); // a change moves the stars, not the count
    await expectExact(db, SLUG, { favourites: 1, ratings: 2, stars: 3, approvedComments: 0 });
    await expectExact(db, OTHER, { favourites: 1, ratings: 0, stars: 0, approvedComments: 0 });
  });

  it('count comments while approved and not hidden: approve, reject, report-hide, restore, remove', async () => {
    const db = await freshDb();
    const moderator = await reader(db, 'mod');
    const author = await reader(db, 'author');
    const post = async (text: string) => {
      const r = await postComment(db, author, SLUG, text);
      if (!r.ok) throw new Error(r.code);
      return r.comment.id;
    };
    const [kept, rejected, hidden] = [await post('first'), await post('second'), await post('third')];
    await expectExact(db, SLUG, { favourites: 0, ratings: 0, stars: 0, approvedComments: 0 }); // pending shows nothing
    await approveComments(db, moderator, [kept, hidden]);
    await rejectComments(db, moderator, [rejected], 'spam');
    await expectExact(db, SLUG, { favourites: 0, ratings: 0, stars: 0, approvedComments: 2 });
    for (let i = 0; i < REPORTS_TO_HIDE; i++) await reportComment(db, await reader(db, `reporter${i}`), hidden, 'spam');
    await expectExact(db, SLUG, { favourites: 0, ratings: 0, stars: 0, approvedComments: 1 });
    await approveComments(db, moderator, [hidden]); // restored after the reports
    await expectExact(db, SLUG, { favourites: 0, ratings: 0, stars: 0, approvedComments: 2 });
    await rejectComments(db, moderator, [kept], 'spam'); // removed
    await expectExact(db, SLUG, { favourites: 0, ratings: 0, stars: 0, approvedComments: 1 });
  });

  it('lose a deleted account’s favourites, ratings and comments', async () => {
    const db = await freshDb();
    const [moderator, gone, stays] = [await reader(db, 'mod'), await reader(db, 'gone'), await reader(db, 'stays')];
    for (const id of [gone, stays]) {
      await setFavourite(db, id, SLUG, true);
      await setFavourite(db, id, OTHER, true);
      await rateArticle(db, id, SLUG, id === gone ? 5 : 3);
      const r = await postComment(db, id, SLUG, `from ${id}`);
      if (!r.ok) throw new Error(r.code);
      await approveComments(db, moderator, [r.comment.id]);
    }
    await expectExact(db, SLUG, { favourites: 2, ratings: 2, stars: 8, approvedComments: 2 });
    expect((await deleteAccount(db, gone)).ok).toBe(true);
    await expectExact(db, SLUG, { favourites: 1, ratings: 1, stars: 3, approvedComments: 1 });
    await expectExact(db, OTHER, { favourites: 1, ratings: 0, stars: 0, approvedComments: 0 });
  });

  it('count every one of 20 readers favouriting and rating at once', async () => {
    const db = await freshDb();
    const ids = await Promise.all(Array.from({ length: 20 }, (_, i) => reader(db, `reader${i}`)));
    await Promise.all(ids.flatMap((id, i) => [setFavourite(db, id, SLUG, true), rateArticle(db, id, SLUG, 1 + (i % 5))]));
    await expectExact(db, SLUG, { favourites: 20, ratings: 20, stars: 60, approvedComments: 0 });
    await Promise.all(ids.slice(0, 10).map((id) => setFavourite(db, id, SLUG, false)));
    await expectExact(db, SLUG, { favourites: 10, ratings: 20, stars: 60, approvedComments: 0 });
  });

  it('let accounts with favourites on the same articles be deleted at once (no deadlock)', async () => {
    const db = await freshDb();
    const ids = await Promise.all(Array.from({ length: 6 }, (_, i) => reader(db, `reader${i}`)));
    // Opposite orders of insertion, so that row order alone would not order the locks.
    for (const [i, id] of ids.entries())
      for (const slug of i % 2 ? [SLUG, OTHER] : [OTHER, SLUG]) {
        await setFavourite(db, id, slug, true);
        await rateArticle(db, id, slug, 4);
      }
    const results = await Promise.all(ids.map((id) => deleteAccount(db, id)));
    expect(results.every((r) => r.ok)).toBe(true);
    await expectExact(db, SLUG, { favourites: 0, ratings: 0, stars: 0, approvedComments: 0 });
    await expectExact(db, OTHER, { favourites: 0, ratings: 0, stars: 0, approvedComments: 0 });
  });
});
