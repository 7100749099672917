import { outdatedConsents } from '@/lib/account/consent';
import { SESSION_COOKIE, getSessionAccountWith } from '@/lib/auth/sessions';
import { articlePrice, getConsentVersions, hasArticle, listGiftSources } from '@/lib/content/site';
import { getDb, pingDatabase } from '@/lib/db';
import type { ReaderStateAnswer } from '@/lib/http/contract';
import { log } from '@/lib/log';
import { accountExtras, toAcceptedVersions } from './account-extras';
import { getArticleState } from './article-state';

/** What the answer needs of a request: no framework object, so `server.mjs` can ask it directly. */
export type ReaderStateQuestion = {
  /** The request's query string (`?article=<slug>`), with its `?`, or empty. */
  search: string;
  /** The Cookie header as sent, or null. */
  cookie: string | null;
  requestId: string | undefined;
};

export type ReaderStateReply = { status: 200 | 503; headers: typeof READER_STATE_HEADERS; body: string };

/** Personal and changing: no cache anywhere may keep it. */
export const READER_STATE_HEADERS = { 'content-type': 'application/json', 'cache-control': 'private, no-store' } as const;

/**
 * The value of the cookie `name` in a Cookie header, read exactly as Next's `cookies()`
 * reads it (`parseCookie` of @edge-runtime/cookies): pairs split on `;` and spaces, a
 * bare name reads "true", the last of a repeated name wins, a value that does not
 * URI-decode leaves the one before it. The header is as Node's parser left it (no
 * surrounding spaces or tabs); undefined when the cookie is absent.
 */
export function cookieValue(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  let found: string | undefined;
  for (const pair of header.split(/; */)) {
    if (!pair) continue;
    const at = pair.indexOf('=');
    if (at === -1) {
      if (pair === name) found = 'true';
      continue;
    }
    if (pair.slice(0, at) !== name) continue;
    try {
      found = decodeURIComponent(pair.slice(at + 1));
    } catch {
      // Undecodable: Next keeps what it had for the name.
    }
  }
  return found;
}

/**
 * `GET /api/reader-state`: the one small request a page makes for what is personal or
 * changes often (who is signed in; with `?article=<slug>`, its favourites and ratings,
 * and what is left of each gift shown beside it), so the pages themselves stay the
 * same bytes for everyone and cacheable. Every page asks it on every load, so
 * `server.mjs` answers it without Next's routing (the route file answers it under
 * `next start` and `next dev`): see README "Reader state without the router".
 */
export async function answerReaderState({ search, cookie, requestId }: ReaderStateQuestion): Promise<ReaderStateReply> {
  const slug = new URLSearchParams(search).get('article');
  const known = slug !== null && hasArticle(slug) ? slug : null;
  try {
    const { db } = await getDb();
    const token = cookieValue(cookie, SESSION_COOKIE);
    // Two statements for a signed-in reader on an article, one after the other: the
    // session with its notifications and consents, then the article's state, which
    // needs the account's id (bench/raw-reader-state.mjs does the same two).
    const reader = token ? await getSessionAccountWith(db, token, accountExtras) : null;
    const account = reader?.account ?? null;
    // Signed out with no article, nothing has touched the database yet; reader state
    // needs it all the same, so say so when it is down.
    if (!token && !known) await pingDatabase(db);
    // The article's page shows the gifts beside it, and their stock from here (the page is static).
    const article = known
      ? { slug: known, ...(await getArticleState(db, account?.id ?? null, known, articlePrice(known) !== undefined, listGiftSources())) }
      : null;
    const answer: ReaderStateAnswer = {
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
    };
    return { status: 200, headers: READER_STATE_HEADERS, body: JSON.stringify(answer) };
  } catch (error) {
    log.error({ reqId: requestId, err: error }, 'reader state unavailable');
    const down: ReaderStateAnswer = { available: false, account: null, article: null };
    return { status: 503, headers: READER_STATE_HEADERS, body: JSON.stringify(down) };
  }
}
