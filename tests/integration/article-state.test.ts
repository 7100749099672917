import { describe, expect, it } from 'vitest';
import type { Gift } from '@/lib/content/schema';
import type { Db } from '@/lib/db/client';
import { comments, quizAttempts, unlocks } from '@/lib/db/schema';
import { listApprovedComments } from '@/lib/comments/comments';
import { getRemainingStock, redeemGift } from '@/lib/feathers/mall';
import { grantFeathers } from '@/lib/feathers/grant';
import { getQuizAttempt } from '@/lib/feathers/rewards';
import { hasUnlocked } from '@/lib/feathers/unlock';
import { getArticleState } from '@/lib/reader/article-state';
import { getFavouriteState, setFavourite } from '@/lib/reader/favourites';
import { getRatingState, rateArticle } from '@/lib/reader/ratings';
import { BACKENDS } from './support/databases';
import { perTestDatabase } from './support/per-test-database';
import { testAccount } from './support/sign-up';

const SLUG = 'how-ecommerce-operations-work';
const OTHER = 'another-article';

/** What the single-purpose reads say: the one-statement read must say the same. */
async function separately(db: Db, id: number | null, slug: string, paid: boolean) {
  return {
    favourite: await getFavouriteState(db, id, slug),
    rating: await getRatingState(db, id, slug),
    comments: (await listApprovedComments(db, slug)).total,
    quiz: id === null ? null : await getQuizAttempt(db, id, slug),
    unlocked: paid ? (id === null ? false : await hasUnlocked(db, id, slug)) : null,
    stock: {},
  };
}

describe.each(BACKENDS)('the article state of /api/reader-state on %s', (backend) => {
  const freshDb = perTestDatabase(backend);

  it('matches the single-purpose reads for signed-out readers, new readers and readers with state', async () => {
    const db = await freshDb();
    const [a, b, c] = [(await testAccount(db, 'alice')).id, (await testAccount(db, 'bob')).id, (await testAccount(db, 'carol')).id];
    expect(await getArticleState(db, null, SLUG, false)).toEqual({
      favourite: { favourited: false, count: 0 },
      rating: { mean: null, count: 0, mine: null },
      comments: 0,
      quiz: null,
      unlocked: null,
      stock: {},
    });
    await setFavourite(db, a, SLUG, true);
    await setFavourite(db, b, SLUG, true);
    await setFavourite(db, c, OTHER, true);
    await rateArticle(db, a, SLUG, 5);
    await rateArticle(db, b, SLUG, 4);
    await rateArticle(db, b, SLUG, 2);
    await rateArticle(db, c, OTHER, 1);
    await db.insert(quizAttempts).values([
      { accountId: a, articleSlug: SLUG, choice: 1, correct: true },
      { accountId: b, articleSlug: SLUG, choice: 0, correct: false },
    ]);
    await db.insert(unlocks).values({ accountId: a, articleSlug: OTHER, price: 20 });
    // Only the approved comment that is not hidden is counted.
    await db.insert(comments).values([
      { accountId: a, articleSlug: SLUG, body: '写得好', bodyHash: 'h1', status: 'approved' },
      { accountId: b, articleSlug: SLUG, body: '等审核', bodyHash: 'h2' },
      { accountId: c, articleSlug: SLUG, body: '被举报', bodyHash: 'h3', status: 'approved', hidden: true },
      { accountId: c, articleSlug: OTHER, body: '别的文章', bodyHash: 'h4', status: 'approved' },
    ]);
    for (const id of [null, a, b, c]) {
      for (const [slug, paid] of [
        [SLUG, false],
        [OTHER, true],
      ] as const) {
        expect(await getArticleState(db, id, slug, paid), `${id} ${slug}`).toEqual(await separately(db, id, slug, paid));
      }
    }
    expect(await getArticleState(db, a, SLUG, false)).toEqual({
      favourite: { favourited: true, count: 2 },
      rating: { mean: 3.5, count: 2, mine: 5 },
      comments: 1,
      quiz: { correct: true },
      unlocked: null,
      stock: {},
    });
    expect((await getArticleState(db, a, OTHER, true)).unlocked).toBe(true);
    expect((await getArticleState(db, b, OTHER, true)).unlocked).toBe(false);
  });

  it('says what is left of each gift asked about, as the mall does', async () => {
    const db = await freshDb();
    const one: Gift = { id: 'one', name: 'One', description: 'd', howToUse: 'h', price: 10, stock: 3 };
    const gifts: Gift[] = [one, { ...one, id: 'two', stock: 5 }];
    expect((await getArticleState(db, null, SLUG, false, gifts)).stock).toEqual({ one: 3, two: 5 });
    const reader = await testAccount(db, 'dora');
    await grantFeathers(db, { username: 'dora', amount: '100', reason: 'test' });
    await redeemGift(db, reader.id, one, 'article-state-key-0001');
    const state = await getArticleState(db, reader.id, SLUG, false, gifts);
    expect(state.stock).toEqual({ one: 2, two: 5 });
    expect(state.stock).toEqual(Object.fromEntries(await getRemainingStock(db, gifts)));
  });
});
