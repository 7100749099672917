import { currentAccount } from '@/lib/auth/web';
import { articlePrice, hasArticle } from '@/lib/content/site';
import { getDb, pingDatabase } from '@/lib/db';
import { quizAttempt } from '@/lib/feathers/rewards';
import { hasUnlocked } from '@/lib/feathers/unlock';
import { favouriteState } from '@/lib/reader/favourites';
import { ratingState } from '@/lib/reader/ratings';
import { log, requestId } from '@/lib/log';

export const dynamic = 'force-dynamic';

/**
 * The one small request a page makes for what is personal or changes often (who is
 * signed in; with `?article=<slug>`, its favourites and ratings), so the pages
 * themselves stay the same bytes for everyone and cacheable.
 */
export async function GET(request: Request) {
  const headers = { 'cache-control': 'private, no-store' };
  const slug = new URL(request.url).searchParams.get('article');
  const known = slug !== null && hasArticle(slug) ? slug : null;
  try {
    const account = await currentAccount();
    const { db } = await getDb();
    // Signed out with no article, nothing has touched the database yet; reader state
    // needs it all the same, so say so when it is down.
    if (!account && !known) await pingDatabase(db);
    const id = account?.id ?? null;
    const paid = known !== null && articlePrice(known) !== undefined;
    const [favourite, rating, quiz, unlocked] = known
      ? await Promise.all([
          favouriteState(db, id, known),
          ratingState(db, id, known),
          id === null ? null : quizAttempt(db, id, known),
          // null: a free article; false/true: a paid one, locked or unlocked for this reader.
          paid ? (id === null ? false : hasUnlocked(db, id, known)) : null,
        ])
      : [];
    return Response.json(
      {
        available: true,
        account: account && {
          username: account.username,
          isModerator: account.isModerator,
          referralCode: account.referralCode,
          feathers: account.feathers,
        },
        article: known ? { slug: known, favourite, rating, quiz: quiz ?? null, unlocked } : null,
      },
      { headers },
    );
  } catch (error) {
    log.error({ reqId: requestId(request), err: error }, 'reader state unavailable');
    return Response.json({ available: false, account: null, article: null }, { status: 503, headers });
  }
}
