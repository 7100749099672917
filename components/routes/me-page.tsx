import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getPageReader } from '@/lib/auth/page';
import { getArticleSummary, getRuleCategory, listGifts } from '@/lib/content/site';
import { REASONS, listLedger, type Reason } from '@/lib/feathers/ledger';
import { CopyButton } from '@/components/feathers/copy-button';
import { HowToEarn } from '@/components/feathers/how-to-earn';
import { NotificationList } from '@/components/notifications/notification-list';
import { listNotifications } from '@/lib/notifications/notifications';
import { listRedemptions } from '@/lib/feathers/mall';
import { CommentText } from '@/components/comments/comment-text';
import { getActiveBan, listMyComments } from '@/lib/comments/comments';
import { formatDateTime } from '@/lib/i18n/format';
import { Link } from '@/lib/i18n/navigation';
import { localizedPath, type Locale } from '@/lib/i18n/routing';
import { listFavourites } from '@/lib/reader/favourites';
import { listMyFeedback } from '@/lib/feedback/feedback';
import './me-page.css';

export async function meMetadata(locale: Locale): Promise<Metadata> {
  const t = await getTranslations({ locale, namespace: 'Me' });
  return { title: t('title'), robots: { index: false } };
}

/**
 * /me's query: `before`, the cursor of an older page of 羽毛明细 (a ledger entry id).
 * Anything else (a malformed or negative cursor, a repeated parameter) is the first page.
 */
const MeQuery = z.object({ before: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional().catch(undefined) });
export type MeSearchParams = Record<string, string | string[] | undefined>;

/** /me: the signed-in reader's own things. Personal, so rendered per request and never cached. */
export async function MePage({ locale, searchParams }: { locale: Locale; searchParams: MeSearchParams }) {
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: 'Me' });
  const reader = await getPageReader();
  const self = localizedPath(locale, '/me');
  if (reader.status === 'signed-out') redirect(`${localizedPath(locale, '/sign-in')}?next=${encodeURIComponent(self)}`);
  const { account, db } = reader;
  const feathers = await getTranslations({ locale, namespace: 'Feathers' });
  const mall = await getTranslations({ locale, namespace: 'Mall' });
  const when = (d: Date) => formatDateTime(d, locale);
  const { before } = MeQuery.parse(searchParams);
  const [{ entries, nextBefore }, redemptions, myComments, ban, notes, myFeedback] = await Promise.all([
    listLedger(db, account.id, { before }),
    listRedemptions(db, account.id),
    listMyComments(db, account.id),
    getActiveBan(db, account.id),
    listNotifications(db, account.id),
    listMyFeedback(db, account.id),
  ]);
  const fb = await getTranslations({ locale, namespace: 'Feedback' });
  const mine = await getTranslations({ locale, namespace: 'MyComments' });
  const commentStatus = (c: (typeof myComments)[number]) => {
    if (c.status === 'approved') return c.hidden ? mine('hidden') : mine('approved');
    if (c.status === 'pending') return mine('pending');
    // The reason is named as the rules name that category (a category the rules no longer have: no name).
    const category = c.reason ? getRuleCategory(locale, c.reason) : undefined;
    return mine.rich(c.status, {
      reason: category?.name ?? '',
      category: (chunks) => <span lang={category && category.lang !== locale ? category.lang : undefined}>{chunks}</span>,
    });
  };
  const gifts = new Map(listGifts(locale).map((g) => [g.id, g]));
  const reasonLabel = (r: Reason) => (REASONS.includes(r) ? feathers(`reasons.${r}`) : r);
  const favourites = (await listFavourites(db, account.id)).flatMap((f) => {
    const article = getArticleSummary(locale, f.articleSlug);
    return article ? [{ ...f, article }] : []; // an article since removed from content/ is not listed
  });
  return (
    <section className="me" aria-labelledby="me-title">
      {/* 我的, not 「… 的主页」: this is the reader's own page, not a public profile. */}
      <h1 id="me-title">{t('title')}</h1>
      <section className="balance-card" aria-labelledby="me-balance">
        <p className="hint">{t('account', { name: account.username })}</p>
        <p id="me-balance" className="balance-figure">
          <span>{t('balanceLabel')}</span> <strong>{account.feathers}</strong>
        </p>
        <p className="balance-links">
          <a href="#me-earn">{t('howToEarn')}</a>
          <Link href="/mall" prefetch={false}>
            {t('toMall')}
          </Link>
          <Link href="/me/settings">{t('settings')}</Link>
          <Link href="/feedback">{t('feedback')}</Link>
        </p>
      </section>
      <NotificationList locale={locale} items={notes} next={self} />
      <section aria-labelledby="feathers">
        <h2 id="feathers">{feathers('ledgerTitle')}</h2>
        {entries.length === 0 ? (
          <p>{feathers('empty')}</p>
        ) : (
          // List rows, not a table: four columns squeezed to one character a line at 375 px.
          <ol className="ledger-rows">
            {entries.map((e) => (
              <li key={e.id}>
                <span className="ledger-what">
                  <span>{e.note ? feathers('reasonWithNote', { reason: reasonLabel(e.reason), note: e.note }) : reasonLabel(e.reason)}</span>
                  <time className="hint" dateTime={e.createdAt.toISOString()}>
                    {when(e.createdAt)}
                  </time>
                </span>
                <span className="ledger-amount">
                  <strong className={e.delta > 0 ? 'plus' : 'minus'}>{e.delta > 0 ? `+${e.delta}` : `−${-e.delta}`}</strong>
                  <span className="hint">{t('balanceAfter', { n: e.balanceAfter })}</span>
                </span>
              </li>
            ))}
          </ol>
        )}
        {(before !== undefined || nextBefore !== null) && (
          <nav aria-label={feathers('pagination')} className="pagination">
            {before !== undefined && <Link href="/me#feathers">{feathers('newest')}</Link>}
            {nextBefore !== null && <Link href={`/me?before=${nextBefore}#feathers`}>{feathers('older')}</Link>}
          </nav>
        )}
      </section>
      <HowToEarn locale={locale} headingId="me-earn" />
      <section aria-labelledby="me-redemptions">
        <h2 id="me-redemptions">{mall('myRedemptions')}</h2>
        {redemptions.length === 0 ? (
          <p>{mall('noRedemptions')}</p>
        ) : (
          <ul className="me-list">
            {redemptions.map((r) => {
              const gift = gifts.get(r.giftId);
              return (
                <li key={r.id}>
                  {mall.rich('codeLine', { gift: gift?.name ?? r.giftId, code: r.code, mono: (chunks) => <code data-code={r.code}>{chunks}</code> })}{' '}
                  <CopyButton text={r.code} label={t('copy')} copied={t('copied')} /> · <span className="hint">{when(r.createdAt)}</span>
                  {gift && (
                    <p className="hint" lang={gift.lang}>
                      {mall('howToUse', { text: gift.howToUse })}
                    </p>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <section aria-labelledby="me-comments">
        <h2 id="me-comments">{mine('title')}</h2>
        {ban && (
          <p role="status" className="notice">
            {ban.until ? mine('bannedUntil', { until: when(ban.until) }) : mine('bannedForever')} <Link href="/feedback?ban=1">{fb('appealBan')}</Link>
          </p>
        )}
        {myComments.length === 0 ? (
          <p>{mine('empty')}</p>
        ) : (
          <ul className="me-list">
            {myComments.map((c) => {
              const article = getArticleSummary(locale, c.articleSlug);
              return (
                <li key={c.id}>
                  <p className="comment-meta">
                    {article ? <Link href={`/articles/${c.articleSlug}`}>{article.title}</Link> : c.articleSlug} ·{' '}
                    <span className="hint">{when(c.createdAt)}</span> · <span className="badge">{commentStatus(c)}</span>
                  </p>
                  <CommentText body={c.body} />
                  {(c.status === 'rejected' || c.status === 'removed') && (
                    <p className="comment-actions">
                      <Link href={`/feedback?comment=${c.id}`}>{fb('appealComment')}</Link>
                    </p>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <section aria-labelledby="my-feedback">
        <h2 id="my-feedback">{fb('mine')}</h2>
        {myFeedback.length === 0 ? (
          <p>{fb('none')}</p>
        ) : (
          <ul className="me-list">
            {myFeedback.map((f) => (
              <li key={f.id}>
                <p className="comment-meta">
                  {fb(`kinds.${f.kind}`)} · <span className="hint">{when(f.createdAt)}</span> ·{' '}
                  <span className="badge">{f.status === 'open' ? fb('open') : fb('answeredStatus')}</span>
                  {f.outcome && (
                    <>
                      {' '}
                      <span className="badge">{f.outcome === 'restored' ? fb('outcomeRestored') : fb('outcomeBanLifted')}</span>
                    </>
                  )}
                </p>
                <CommentText body={f.body} />
                {f.answer && <p className="feedback-answer">{fb('answer', { answer: f.answer })}</p>}
              </li>
            ))}
          </ul>
        )}
        <p>
          <Link href="/feedback">{fb('link')}</Link>
        </p>
      </section>
      <section aria-labelledby="me-favourites">
        <h2 id="me-favourites">{t('favourites')}</h2>
        {favourites.length === 0 ? (
          <p>{t('noFavourites')}</p>
        ) : (
          <ul className="me-list">
            {favourites.map(({ article, createdAt }) => (
              <li key={article.slug}>
                <Link href={`/articles/${article.slug}`} lang={article.lang}>
                  {article.title}
                </Link>{' '}
                <span className="hint">{t('favouritedAt', { time: when(createdAt) })}</span>
                <form method="post" action={`/api/articles/${article.slug}/favourite`} className="inline-form">
                  <input type="hidden" name="locale" value={locale} />
                  <input type="hidden" name="next" value={self} />
                  <input type="hidden" name="intent" value="remove" />
                  <button type="submit" className="link-button">
                    {t('remove')}
                  </button>
                </form>
              </li>
            ))}
          </ul>
        )}
      </section>
    </section>
  );
}
