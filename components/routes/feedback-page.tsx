import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { CommentText } from '@/components/comments/comment-text';
import { getPageReader } from '@/lib/auth/page';
import { getActiveBan, listMyComments } from '@/lib/comments/comments';
import { MAX_FEEDBACK_LENGTH } from '@/lib/feedback/constants';
import { Link } from '@/lib/i18n/navigation';
import { localizedPath, type Locale } from '@/lib/i18n/routing';

export async function feedbackMetadata(locale: Locale): Promise<Metadata> {
  const t = await getTranslations({ locale, namespace: 'Feedback' });
  return { title: t('title'), robots: { index: false } };
}

/** /feedback's query: `comment`, the id of the reader's own comment an appeal contests; `ban`, an appeal against the ban. */
const FeedbackQuery = z.object({
  comment: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional().catch(undefined),
  ban: z.string().optional().catch(undefined),
});
export type FeedbackSearchParams = Record<string, string | string[] | undefined>;

/**
 * /feedback (建议反馈, which the rules' 申诉 names): a plain form, so it works without
 * JavaScript, for a suggestion or an appeal against a rejected or removed comment
 * of the reader's own or a ban in force. Answers come back on /me and as a notification.
 */
export async function FeedbackPage({ locale, searchParams }: { locale: Locale; searchParams: FeedbackSearchParams }) {
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: 'Feedback' });
  const query = FeedbackQuery.parse(searchParams);
  const self = localizedPath(locale, '/feedback');
  const reader = await getPageReader();
  if (reader.status === 'signed-out') {
    const back = query.comment ? `${self}?comment=${query.comment}` : query.ban !== undefined ? `${self}?ban=1` : self;
    redirect(`${localizedPath(locale, '/sign-in')}?next=${encodeURIComponent(back)}`);
  }
  const [ban, mine] = await Promise.all([getActiveBan(reader.db, reader.account.id), listMyComments(reader.db, reader.account.id)]);
  // Only the reader's own rejected or removed comment can be contested; any other id is a plain suggestion.
  const contested = mine.find((c) => c.id === query.comment && (c.status === 'rejected' || c.status === 'removed'));
  const kind = contested ? 'comment_appeal' : query.ban !== undefined && ban ? 'ban_appeal' : 'suggestion';
  return (
    <section className="feedback" aria-labelledby="feedback-title">
      <h1 id="feedback-title">{t('title')}</h1>
      <p>{t('intro')}</p>
      <form method="post" action="/api/feedback" className="auth-form feedback-form">
        <input type="hidden" name="locale" value={locale} />
        <input type="hidden" name="next" value={`${localizedPath(locale, '/me')}#my-feedback`} />
        {kind === 'suggestion' ? (
          <fieldset>
            <legend>{t('kind')}</legend>
            <label className="checkbox-label">
              <input type="radio" name="kind" value="suggestion" defaultChecked />
              <span>{t('kinds.suggestion')}</span>
            </label>
            {ban && (
              <label className="checkbox-label">
                <input type="radio" name="kind" value="ban_appeal" />
                <span>{t('kinds.ban_appeal')}</span>
              </label>
            )}
          </fieldset>
        ) : (
          <>
            <input type="hidden" name="kind" value={kind} />
            <p className="notice">{t(`kinds.${kind}`)}</p>
          </>
        )}
        {contested && (
          <>
            <input type="hidden" name="commentId" value={contested.id} />
            <figure className="contested">
              <figcaption className="hint">{t('contested')}</figcaption>
              <CommentText body={contested.body} />
            </figure>
          </>
        )}
        <label htmlFor="feedback-body">{t('label')}</label>
        <textarea
          id="feedback-body"
          name="body"
          required
          maxLength={MAX_FEEDBACK_LENGTH}
          rows={6}
          placeholder={t('placeholder')}
          aria-describedby="feedback-hint"
        />
        <p id="feedback-hint" className="hint">
          {t('hint')}
        </p>
        <button type="submit" className="button">
          {t('submit')}
        </button>
      </form>
      <p>
        <Link href="/me#my-feedback">{t('mine')}</Link> · <Link href="/rules">{t('rules')}</Link>
      </p>
    </section>
  );
}
