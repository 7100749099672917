import { getAcceptedVersions, outdatedConsents } from '@/lib/account/consent';
import { getCurrentAccount } from '@/lib/auth/web';
import { articlePrice, getConsentVersions, hasArticle } from '@/lib/content/site';
import { getDb, pingDatabase } from '@/lib/db';
import type { Db } from '@/lib/db/client';
import { getQuizAttempt } from '@/lib/feathers/rewards';
import { hasUnlocked } from '@/lib/feathers/unlock';
import type { ReaderState, ReaderStateAnswer } from '@/lib/http/contract';
import { getFavouriteState } from '@/lib/reader/favourites';
import { getRatingState } from '@/lib/reader/ratings';
import { log, requestId } from '@/lib/log';

export const dynamic = 'force-dynamic';

/** The reader's state for one article; `id` null when signed out. */
async function articleState(db: Db, id: number | null, slug: string): Promise<NonNullable<ReaderState['article']>> {
  const [favourite, rating, quiz, unlocked] = await Promise.all([
    getFavouriteState(db, id, slug),
    getRatingState(db, id, slug),
    id === null ? null : getQuizAttempt(db, id, slug),
    // null: a free article; false/true: a paid one, locked or unlocked for this reader.
    articlePrice(slug) === undefined ? null : id === null ? false : hasUnlocked(db, id, slug),
  ]);
  return { slug, favourite, rating, quiz, unlocked };
}

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
    const account = await getCurrentAccount();
    const { db } = await getDb();
    // Signed out with no article, nothing has touched the database yet; reader state
    // needs it all the same, so say so when it is down.
    if (!account && !known) await pingDatabase(db);
    const id = account?.id ?? null;
    const [article, accepted] = await Promise.all([known ? articleState(db, id, known) : null, id === null ? null : getAcceptedVersions(db, id)]);
    return Response.json(
      {
        available: true,
        account: account && {
          username: account.username,
          isModerator: account.isModerator,
          referralCode: account.referralCode,
          feathers: account.feathers,
          consentNeeded: outdatedConsents(accepted ?? {}, getConsentVersions()),
        },
        article,
      } satisfies ReaderStateAnswer,
      { headers },
    );
  } catch (error) {
    log.error({ reqId: requestId(request), err: error }, 'reader state unavailable');
    return Response.json({ available: false, account: null, article: null } satisfies ReaderStateAnswer, { status: 503, headers });
  }
}
