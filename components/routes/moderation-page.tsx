import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { notFound, redirect } from 'next/navigation';
import { CommentText } from '@/components/comments/comment-text';
import { getPageReader } from '@/lib/auth/page';
import { listModerationQueue } from '@/lib/comments/comments';
import { banKey } from '@/lib/content/model';
import { getArticleSummary, listBans, listRuleCategories } from '@/lib/content/site';
import { formatDateTime } from '@/lib/i18n/format';
import { Link } from '@/lib/i18n/navigation';
import { localizedPath, type Locale } from '@/lib/i18n/routing';

export async function moderationMetadata(locale: Locale): Promise<Metadata> {
  const t = await getTranslations({ locale, namespace: 'Moderation' });
  return { title: t('title'), robots: { index: false } };
}

/**
 * /moderation: pending and reported comments, each with approve / reject (for a
 * rule's category) / ban, and a batch action. Plain forms, so it works without
 * JavaScript. Anyone but a moderator gets a 404: the page does not exist for them.
 */
export type ModerationSearchParams = Promise<{ after?: string | string[] }>;

export async function ModerationPage({ locale, searchParams }: { locale: Locale; searchParams: ModerationSearchParams }) {
  setRequestLocale(locale);
  const self = localizedPath(locale, '/moderation');
  const reader = await getPageReader();
  if (reader.status === 'signed-out') redirect(`${localizedPath(locale, '/sign-in')}?next=${encodeURIComponent(self)}`);
  if (!reader.account.isModerator) notFound();
  const t = await getTranslations({ locale, namespace: 'Moderation' });
  // Reasons and ban lengths are the rules' own (content/rules.md), named as the rules name them.
  const categories = listRuleCategories(locale);
  const bans = listBans();
  const afterParam = (await searchParams).after;
  const after = typeof afterParam === 'string' && /^\d{1,15}$/.test(afterParam) ? Number(afterParam) : 0;
  const { items: queue, nextAfter } = await listModerationQueue(reader.db, { after });
  const reasonSelect = (id: string, form?: string) => (
    <select id={id} name="reason" form={form} required defaultValue="">
      <option value="" disabled>
        {t('reason')}
      </option>
      {categories.map((c) => (
        <option key={c.id} value={c.id} lang={c.lang === locale ? undefined : c.lang}>
          {c.name}
        </option>
      ))}
    </select>
  );
  const hidden = (
    <>
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="next" value={self} />
    </>
  );
  return (
    <section className="moderation" aria-labelledby="moderation-title">
      <h1 id="moderation-title">{t('title')}</h1>
      {queue.length === 0 ? (
        <p>
          {t('empty')}
          {after > 0 ? (
            <>
              {' '}
              <Link href="/moderation">{t('firstPage')}</Link>
            </>
          ) : null}
        </p>
      ) : (
        <>
          <ol className="queue">
            {queue.map((c) => {
              const article = getArticleSummary(locale, c.articleSlug);
              return (
                <li key={c.id} className="queue-item" aria-labelledby={`q-${c.id}`}>
                  <p id={`q-${c.id}`} className="comment-meta">
                    <input type="checkbox" name="ids" value={c.id} form="batch" aria-label={t('select')} /> <strong>{c.author}</strong> ·{' '}
                    {article ? <Link href={`/articles/${c.articleSlug}`}>{article.title}</Link> : c.articleSlug} ·{' '}
                    <time dateTime={c.createdAt.toISOString()}>{formatDateTime(c.createdAt, locale)}</time> ·{' '}
                    <span className="badge">{c.status === 'pending' ? t('pendingStatus') : `${t('reportedStatus')} · ${t('reports', { n: c.reports })}`}</span>
                  </p>
                  <CommentText body={c.body} />
                  <div className="queue-actions">
                    <form method="post" action="/api/moderation/review" className="inline-form">
                      {hidden}
                      <input type="hidden" name="ids" value={c.id} />
                      <button type="submit" name="action" value="approve" className="button">
                        {t('approve')}
                      </button>
                    </form>
                    <form method="post" action="/api/moderation/review" className="inline-form">
                      {hidden}
                      <input type="hidden" name="ids" value={c.id} />
                      <label className="visually-hidden" htmlFor={`reason-${c.id}`}>
                        {t('reason')}
                      </label>
                      {reasonSelect(`reason-${c.id}`)}
                      <button type="submit" name="action" value="reject" className="button button-secondary">
                        {t('reject')}
                      </button>
                    </form>
                    <form method="post" action="/api/moderation/ban" className="inline-form">
                      {hidden}
                      <input type="hidden" name="accountId" value={c.authorId} />
                      <label className="visually-hidden" htmlFor={`ban-days-${c.id}`}>
                        {t('banDays')}
                      </label>
                      <select id={`ban-days-${c.id}`} name="days" defaultValue={bans[0] && banKey(bans[0])}>
                        {bans.map((b) => (
                          <option key={banKey(b)} value={banKey(b)}>
                            {b.days === null ? t('banPermanent') : t('banForDays', { days: b.days })}
                          </option>
                        ))}
                      </select>
                      <label className="visually-hidden" htmlFor={`ban-reason-${c.id}`}>
                        {t('reason')}
                      </label>
                      {reasonSelect(`ban-reason-${c.id}`)}
                      <button type="submit" className="button button-secondary">
                        {t('banSubmit')}
                      </button>
                    </form>
                  </div>
                </li>
              );
            })}
          </ol>
          <form id="batch" method="post" action="/api/moderation/review" className="batch-form">
            {hidden}
            <button type="submit" name="action" value="approve" className="button" formNoValidate>
              {t('batchApprove')}
            </button>
            <label className="visually-hidden" htmlFor="batch-reason">
              {t('reason')}
            </label>
            {reasonSelect('batch-reason')}
            <button type="submit" name="action" value="reject" className="button button-secondary">
              {t('batchReject')}
            </button>
          </form>
          {after > 0 || nextAfter !== null ? (
            <nav className="pagination" aria-label={t('pages')}>
              {after > 0 ? <Link href="/moderation">{t('firstPage')}</Link> : null}
              {nextAfter !== null ? <Link href={`/moderation?after=${nextAfter}`}>{t('nextPage')}</Link> : null}
            </nav>
          ) : null}
        </>
      )}
    </section>
  );
}
