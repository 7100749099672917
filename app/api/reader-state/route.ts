import { getAcceptedVersions, outdatedConsents } from '@/lib/account/consent';
import { getCurrentAccount } from '@/lib/auth/web';
import { articlePrice, getConsentVersions, hasArticle } from '@/lib/content/site';
import { getDb, pingDatabase } from '@/lib/db';
import type { ReaderStateAnswer } from '@/lib/http/contract';
import { countUnseenNotifications } from '@/lib/notifications/notifications';
import { getArticleState } from '@/lib/reader/article-state';
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
    const account = await getCurrentAccount();
    const { db } = await getDb();
    // Signed out with no article, nothing has touched the database yet; reader state
    // needs it all the same, so say so when it is down.
    if (!account && !known) await pingDatabase(db);
    const id = account?.id ?? null;
    const [article, unseenNotifications, accepted] = await Promise.all([
      known ? getArticleState(db, id, known, articlePrice(known) !== undefined).then((state) => ({ slug: known, ...state })) : null,
      id === null ? 0 : countUnseenNotifications(db, id),
      id === null ? null : getAcceptedVersions(db, id),
    ]);
    return Response.json(
      {
        available: true,
        account: account && {
          username: account.username,
          isModerator: account.isModerator,
          referralCode: account.referralCode,
          feathers: account.feathers,
          unseenNotifications,
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
