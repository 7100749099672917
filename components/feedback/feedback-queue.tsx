import { getTranslations } from 'next-intl/server';
import { CommentText } from '@/components/comments/comment-text';
import { getArticleSummary, getRuleCategory } from '@/lib/content/site';
import { MAX_FEEDBACK_LENGTH } from '@/lib/feedback/constants';
import type { OpenFeedback } from '@/lib/feedback/feedback';
import { formatDateTime } from '@/lib/i18n/format';
import { Link } from '@/lib/i18n/navigation';
import type { Locale } from '@/lib/i18n/routing';

/**
 * 建议反馈 in the moderators' console: each open message with what an appeal contests,
 * and a plain form to answer it, restoring the comment or lifting the ban where the
 * appeal asks for that.
 */
export async function FeedbackQueue({ locale, items, next }: { locale: Locale; items: OpenFeedback[]; next: string }) {
  const t = await getTranslations({ locale, namespace: 'Feedback' });
  return (
    <section aria-labelledby="feedback" className="feedback-queue">
      <h2 id="feedback">{t('queueTitle')}</h2>
      {items.length === 0 ? (
        <p>{t('queueEmpty')}</p>
      ) : (
        <ol className="queue">
          {items.map((f) => {
            const article = f.comment ? getArticleSummary(locale, f.comment.articleSlug) : undefined;
            const category = f.comment?.reason ? getRuleCategory(locale, f.comment.reason) : undefined;
            const restorable = f.kind === 'comment_appeal' && (f.comment?.status === 'rejected' || f.comment?.status === 'removed');
            return (
              <li key={f.id} className="queue-item" aria-labelledby={`f-${f.id}`}>
                <p id={`f-${f.id}`} className="comment-meta">
                  <strong>{f.author}</strong> · {t(`kinds.${f.kind}`)} · <time dateTime={f.createdAt.toISOString()}>{formatDateTime(f.createdAt, locale)}</time>
                  {f.banned && (
                    <>
                      {' '}
                      · <span className="badge">{t('queueBanned')}</span>
                    </>
                  )}
                </p>
                <CommentText body={f.body} />
                {f.comment && (
                  <figure className="contested">
                    <figcaption className="hint">
                      {t('contested')} {article ? <Link href={`/articles/${f.comment.articleSlug}`}>{article.title}</Link> : null} ·{' '}
                      {t(`statuses.${f.comment.status as 'rejected'}`)}
                      {category ? `：${category.name}` : ''}
                    </figcaption>
                    <CommentText body={f.comment.body} />
                  </figure>
                )}
                <form method="post" action="/api/moderation/feedback" className="answer-form">
                  <input type="hidden" name="locale" value={locale} />
                  <input type="hidden" name="next" value={next} />
                  <input type="hidden" name="id" value={f.id} />
                  <label htmlFor={`answer-${f.id}`}>{t('answerLabel')}</label>
                  <textarea id={`answer-${f.id}`} name="answer" required maxLength={MAX_FEEDBACK_LENGTH} rows={3} />
                  <div className="queue-actions">
                    <button type="submit" name="action" value="answer" className="button button-secondary">
                      {t('reply')}
                    </button>
                    {restorable && (
                      <button type="submit" name="action" value="restore" className="button">
                        {t('restore')}
                      </button>
                    )}
                    {f.kind === 'ban_appeal' && f.banned && (
                      <button type="submit" name="action" value="lift_ban" className="button">
                        {t('liftBan')}
                      </button>
                    )}
                  </div>
                </form>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
