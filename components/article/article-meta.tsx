import { getTranslations } from 'next-intl/server';
import type { ArticleSummary } from '@/lib/content/site';
import { Link } from '@/lib/i18n/navigation';
import { formatDateTime } from '@/lib/i18n/format';
import type { Locale } from '@/lib/i18n/routing';
import { PublishedTime } from './published-time';

/** Publication time, author and reading time of an article. */
export async function ArticleMeta({ locale, article, characters }: { locale: Locale; article: ArticleSummary; characters: number }) {
  const t = await getTranslations({ locale, namespace: 'ArticleMeta' });
  return (
    <dl className="article-meta">
      <dt>{t('published')}</dt>
      <dd>
        <PublishedTime locale={locale} iso={article.publishedAt} />
      </dd>
      {article.updatedAt ? (
        <>
          <dt>{t('updatedLabel')}</dt>
          <dd>
            <time dateTime={article.updatedAt}>{t('updated', { time: formatDateTime(article.updatedAt, locale) })}</time>
          </dd>
        </>
      ) : null}
      <dt>{t('author')}</dt>
      <dd lang={article.author.lang}>
        <Link href={`/authors/${article.author.id}`} rel="author">
          {article.author.name}
        </Link>
      </dd>
      <dt>{t('readingLabel')}</dt>
      <dd>{t('readingTime', { minutes: article.readingMinutes, characters })}</dd>
    </dl>
  );
}
