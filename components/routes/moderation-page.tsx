import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { notFound, redirect } from 'next/navigation';
import { z } from 'zod';
import { CommentText } from '@/components/comments/comment-text';
import { FeedbackQueue } from '@/components/feedback/feedback-queue';
import { getPageReader } from '@/lib/auth/page';
import { listModerationQueue } from '@/lib/comments/comments';
import { banKey } from '@/lib/content/model';
import { getArticleSummary, listBans, listRuleCategories } from '@/lib/content/site';
import { listOpenFeedback } from '@/lib/feedback/feedback';
import type { ActionErrorCode } from '@/lib/http/contract';
import { formatDateTime } from '@/lib/i18n/format';
import { Link } from '@/lib/i18n/navigation';
import { localizedPath, type Locale } from '@/lib/i18n/routing';
import zhCN from '@/messages/zh-CN.json';
import './moderation-page.css';

export async function moderationMetadata(locale: Locale): Promise<Metadata> {
  const t = await getTranslations({ locale, namespace: 'Moderation' });
  return { title: t('title'), robots: { index: false } };
}

const Count = z.coerce.number().int().min(0).max(1000).optional().catch(undefined);
/** /moderation's query: the queue cursor, and what the last action did (set by the routes' redirects). */
const ModerationQuery = z.object({
  after: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional().catch(undefined),
  done: Count,
  banned: Count,
  answered: Count,
  error: z
    .string()
    .refine((code): code is ActionErrorCode => Object.hasOwn(zhCN.ActionErrors, code))
    .optional()
    .catch(undefined),
});
export type ModerationSearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * /moderation: pending and reported comments, one row each with 通过 and 驳回 (for a
 * rule's category) as the main actions and 禁言 behind 更多 with its own confirmation,
 * a batch action, and 建议反馈 to answer. Plain forms, so it works without JavaScript;
 * after each action the console comes back at the same place in the queue saying what
 * was done. Anyone but a moderator gets the site's 404: the page does not exist for them.
 */
export async function ModerationPage({ locale, searchParams }: { locale: Locale; searchParams: ModerationSearchParams }) {
  setRequestLocale(locale);
  const self = localizedPath(locale, '/moderation');
  const reader = await getPageReader();
  if (reader.status === 'signed-out') redirect(`${localizedPath(locale, '/sign-in')}?next=${encodeURIComponent(self)}`);
  if (!reader.account.isModerator) notFound();
  const t = await getTranslations({ locale, namespace: 'Moderation' });
  const errors = await getTranslations({ locale, namespace: 'ActionErrors' });
  const fb = await getTranslations({ locale, namespace: 'Feedback' });
  // Reasons and ban lengths are the rules' own (content/rules.md), named as the rules name them.
  const categories = listRuleCategories(locale);
  const bans = listBans();
  const query = ModerationQuery.parse(await searchParams);
  const after = query.after ?? 0;
  const [{ items: queue, nextAfter }, openFeedback] = await Promise.all([listModerationQueue(reader.db, { after }), listOpenFeedback(reader.db)]);
  // Where every form comes back to: this page of the queue.
  const here = after > 0 ? `${self}?after=${after}` : self;
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
  const hidden = (anchor: string) => (
    <>
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="next" value={`${here}#${anchor}`} />
    </>
  );
  const status =
    query.error !== undefined
      ? { role: 'alert' as const, text: t('failed', { message: errors(query.error as 'no_selection') }) }
      : query.done !== undefined
        ? { role: 'status' as const, text: t('done', { n: query.done }) }
        : query.banned !== undefined
          ? { role: 'status' as const, text: t('banned') }
          : query.answered !== undefined
            ? { role: 'status' as const, text: fb('answered') }
            : null;
  return (
    <section className="moderation" aria-labelledby="moderation-title">
      <h1 id="moderation-title">{t('title')}</h1>
      {status && (
        <p role={status.role} className={status.role === 'alert' ? 'notice form-error' : 'notice'} id="moderation-status">
          {status.text}
        </p>
      )}
      <section aria-labelledby="queue" className="queue-section">
        <h2 id="queue">{t('queueTitle')}</h2>
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
                    <div className="queue-head">
                      <label className="select-box">
                        <input type="checkbox" name="ids" value={c.id} form="batch" />
                        <span className="visually-hidden">{t('selectItem', { author: c.author })}</span>
                      </label>
                      <p id={`q-${c.id}`} className="comment-meta">
                        <strong>{c.author}</strong> · {article ? <Link href={`/articles/${c.articleSlug}`}>{article.title}</Link> : c.articleSlug} ·{' '}
                        <time dateTime={c.createdAt.toISOString()}>{formatDateTime(c.createdAt, locale)}</time> ·{' '}
                        <span className="badge">
                          {c.status === 'pending' ? t('pendingStatus') : `${t('reportedStatus')} · ${t('reports', { n: c.reports })}`}
                        </span>
                      </p>
                    </div>
                    <CommentText body={c.body} />
                    <div className="queue-actions">
                      <form method="post" action="/api/moderation/review">
                        {hidden('queue')}
                        <input type="hidden" name="ids" value={c.id} />
                        <button type="submit" name="action" value="approve" className="button">
                          {t('approve')}
                        </button>
                      </form>
                      <form method="post" action="/api/moderation/review" className="reject-form">
                        {hidden('queue')}
                        <input type="hidden" name="ids" value={c.id} />
                        <label className="visually-hidden" htmlFor={`reason-${c.id}`}>
                          {t('reason')}
                        </label>
                        {reasonSelect(`reason-${c.id}`)}
                        <button type="submit" name="action" value="reject" className="button button-secondary">
                          {t('reject')}
                        </button>
                      </form>
                    </div>
                    {/* 禁言 is rarer and heavier than a rejection: out of the way, and confirmed. */}
                    <details className="queue-more">
                      <summary>{t('more')}</summary>
                      <form method="post" action="/api/moderation/ban" className="ban-form">
                        {hidden('queue')}
                        <input type="hidden" name="accountId" value={c.authorId} />
                        <label htmlFor={`ban-days-${c.id}`}>{t('banDays')}</label>
                        <select id={`ban-days-${c.id}`} name="days" defaultValue={bans[0] && banKey(bans[0])}>
                          {bans.map((b) => (
                            <option key={banKey(b)} value={banKey(b)}>
                              {b.days === null ? t('banPermanent') : t('banForDays', { days: b.days })}
                            </option>
                          ))}
                        </select>
                        <label htmlFor={`ban-reason-${c.id}`}>{t('reason')}</label>
                        {reasonSelect(`ban-reason-${c.id}`)}
                        <label className="checkbox-label">
                          <input type="checkbox" name="confirm" required />
                          <span>{t('banConfirm')}</span>
                        </label>
                        <button type="submit" className="button danger">
                          {t('banSubmit')}
                        </button>
                      </form>
                    </details>
                  </li>
                );
              })}
            </ol>
            <form id="batch" method="post" action="/api/moderation/review" className="batch-form">
              {hidden('queue')}
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
      <FeedbackQueue locale={locale} items={openFeedback} next={`${here}#feedback`} />
    </section>
  );
}
