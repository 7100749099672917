import { cookies } from 'next/headers';
import { outdatedConsents } from '@/lib/account/consent';
import { SESSION_COOKIE, getSessionAccountWith } from '@/lib/auth/sessions';
import { articlePrice, getConsentVersions, hasArticle, listGiftSources } from '@/lib/content/site';
import { getDb, pingDatabase } from '@/lib/db';
import type { ReaderStateAnswer } from '@/lib/http/contract';
import { accountExtras, toAcceptedVersions } from '@/lib/reader/account-extras';
import { getArticleState } from '@/lib/reader/article-state';
import { log, requestId } from '@/lib/log';

export const dynamic = 'force-dynamic';

/**
 * The one small request a page makes for what is personal or changes often (who is
 * signed in; with `?article=<slug>`, its favourites and ratings, and what is left of
 * each gift shown beside it), so the pages
 * themselves stay the same bytes for everyone and cacheable.
 */
export async function GET(request: Request) {
  const headers = { 'cache-control': 'private, no-store' };
  const slug = new URL(request.url).searchParams.get('article');
  const known = slug !== null && hasArticle(slug) ? slug : null;
  try {
    const { db } = await getDb();
    const token = (await cookies()).get(SESSION_COOKIE)?.value;
    // Two statements for a signed-in reader on an article, one after the other: the
    // session with its notifications and consents, then the article's state, which
    // needs the account's id (measured: the route's cost was mostly per-query work;
    // bench/raw-reader-state.mjs does the same two).
    const reader = token ? await getSessionAccountWith(db, token, accountExtras) : null;
    const account = reader?.account ?? null;
    // Signed out with no article, nothing has touched the database yet; reader state
    // needs it all the same, so say so when it is down.
    if (!token && !known) await pingDatabase(db);
    // The article's page shows the gifts beside it, and their stock from here (the page is static).
    const article = known
      ? { slug: known, ...(await getArticleState(db, account?.id ?? null, known, articlePrice(known) !== undefined, listGiftSources())) }
      : null;
    return Response.json(
      {
        available: true,
        account: account && {
          username: account.username,
          isModerator: account.isModerator,
          referralCode: account.referralCode,
          feathers: account.feathers,
          unseenNotifications: reader!.extra.unseenNotifications,
          consentNeeded: outdatedConsents(toAcceptedVersions(reader!.extra.acceptedVersions), getConsentVersions()),
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
