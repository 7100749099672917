import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getPageReader } from '@/lib/auth/page';
import { getArticleSummary, getRuleCategory, listGifts } from '@/lib/content/site';
import { REASONS, listLedger, type Reason } from '@/lib/feathers/ledger';
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
  const [{ entries, nextBefore }, redemptions, myComments, ban, notes] = await Promise.all([
    listLedger(db, account.id, { before }),
    listRedemptions(db, account.id),
    listMyComments(db, account.id),
    getActiveBan(db, account.id),
    listNotifications(db, account.id),
  ]);
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
      <h1 id="me-title">{t('heading', { name: account.username })}</h1>
      <p>
        <Link href="/me/settings">{t('settings')}</Link>
      </p>
      <NotificationList locale={locale} items={notes} next={self} />
      <section aria-labelledby="feathers">
        <h2 id="feathers">{feathers('ledgerTitle')}</h2>
        <p className="balance-line">{feathers('balance', { n: account.feathers })}</p>
        {entries.length === 0 ? (
          <p>{feathers('empty')}</p>
        ) : (
          <div className="table-scroll">
            <table className="ledger">
              <thead>
                <tr>
                  <th scope="col">{feathers('time')}</th>
                  <th scope="col">{feathers('reason')}</th>
                  <th scope="col">{feathers('amount')}</th>
                  <th scope="col">{feathers('balanceAfter')}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <tr key={e.id}>
                    <td>{when(e.createdAt)}</td>
                    <td>{e.note ? feathers('reasonWithNote', { reason: reasonLabel(e.reason), note: e.note }) : reasonLabel(e.reason)}</td>
                    <td className={e.delta > 0 ? 'plus' : 'minus'}>{e.delta > 0 ? `+${e.delta}` : `−${-e.delta}`}</td>
                    <td>{e.balanceAfter}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
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
                  {mall.rich('codeLine', { gift: gift?.name ?? r.giftId, code: r.code, mono: (chunks) => <code>{chunks}</code> })} ·{' '}
                  <span className="hint">{when(r.createdAt)}</span>
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
            {ban.until ? mine('bannedUntil', { until: when(ban.until) }) : mine('bannedForever')}
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
                </li>
              );
            })}
          </ul>
        )}
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
