import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { CommentText } from '@/components/comments/comment-text';
import { getApprovedCommentsPage } from '@/lib/comments/comments';
import { COMMENTS_PAGE_SIZE, MAX_COMMENTS_PAGE } from '@/lib/comments/constants';
import { getArticleSummary } from '@/lib/content/site';
import { formatDateTime } from '@/lib/i18n/format';
import { Link } from '@/lib/i18n/navigation';
import { localizedPath, type Locale } from '@/lib/i18n/routing';

export type CommentsSearchParams = Record<string, string | string[] | undefined>;

/** A page number; anything else (a word, 0, a repeated parameter) is page 1. */
const PageNumber = z.coerce
  .number()
  .int()
  .min(1)
  .max(10_000)
  .catch(1)
  .default(1)
  .transform((p) => Math.min(p, MAX_COMMENTS_PAGE));

/**
 * `?page=N`, or the article's own `?comments=N` (the article's paging keeps the page in
 * its address; a reader who carries that query over lands on the same page here).
 */
const CommentsQuery = z
  .object({ page: z.unknown().optional(), comments: z.unknown().optional() })
  .transform(({ page, comments }) => ({ page: PageNumber.parse(page ?? comments) }));

/**
 * Title and robots of an article's comments page. `noindex, follow`: the pages are
 * readers' words under moderation, many and thin (COMMENTS_PAGE_SIZE a page), and not the article,
 * so a canonical link to the article would claim a sameness that is not there
 * (README "Comments without JavaScript").
 */
export async function commentsMetadata(locale: Locale, slug: string): Promise<Metadata> {
  const t = await getTranslations({ locale, namespace: 'Comments' });
  const article = getArticleSummary(locale, slug);
  const title = article?.title ?? slug;
  return { title: t('pageTitle', { title }), description: t('pageDescription', { title }), robots: { index: false, follow: true } };
}

/**
 * /articles/<slug>/comments: the article's approved comments as a page of its own,
 * rendered per request, so a reader without JavaScript can read them (the article
 * loads its comments after the page, which stays the same bytes for everyone).
 */
export async function CommentsPage({ locale, slug, searchParams }: { locale: Locale; slug: string; searchParams: CommentsSearchParams }) {
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: 'Comments' });
  // dynamicParams = false does not stop a page rendered per request from matching any slug.
  const article = getArticleSummary(locale, slug);
  if (!article) notFound();
  const { page } = CommentsQuery.parse(searchParams);
  // While the database is down the page says so; the article itself is unaffected.
  const listing = await getApprovedCommentsPage(slug, page);
  const pages = listing ? Math.min(MAX_COMMENTS_PAGE, Math.max(1, Math.ceil(listing.total / COMMENTS_PAGE_SIZE))) : 1;
  const base = `/articles/${slug}/comments`;
  return (
    <section className="comments comments-page" aria-labelledby="comments-title">
      <h1 id="comments-title">{t('pageTitle', { title: article.title })}</h1>
      <p>
        {/* A full load: the article's body is only in its HTML (see ArticleBodyHtml). */}
        <a href={localizedPath(locale, `/articles/${slug}#comments`)}>{t('backToArticle')}</a>
      </p>
      {!listing ? (
        <p role="status" className="notice">
          {t('unavailable')}
        </p>
      ) : (
        <>
          <p className="hint">
            {t('title')}
            {t('count', { count: listing.total })}
          </p>
          {listing.comments.length === 0 ? (
            <p>{t('empty')}</p>
          ) : (
            <ol className="comment-list">
              {listing.comments.map((c) => (
                <li key={c.id} className="comment">
                  <p className="comment-meta">
                    <strong>{c.author}</strong> <time dateTime={c.createdAt.toISOString()}>{formatDateTime(c.createdAt, locale)}</time>
                  </p>
                  <CommentText body={c.body} />
                </li>
              ))}
            </ol>
          )}
          {pages > 1 && (
            <nav className="pagination" aria-label={t('pagination')}>
              {page > 1 && <Link href={page === 2 ? base : `${base}?page=${page - 1}`}>{t('previous')}</Link>}
              <span>{t('pageOf', { page: Math.min(page, pages), pages })}</span>
              {page < pages && <Link href={`${base}?page=${page + 1}`}>{t('next')}</Link>}
            </nav>
          )}
        </>
      )}
    </section>
  );
}
