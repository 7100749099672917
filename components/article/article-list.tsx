import { getTranslations } from 'next-intl/server';
import type { ArticleSummary } from '@/lib/content/site';
import { localizedPath, type Locale } from '@/lib/i18n/routing';
import { KeywordLinks } from './keyword-links';
import { PublishedTime } from './published-time';
import { StatusBadge } from './status-badge';

/**
 * A list of articles: title, publication time, author, summary and keywords. Titles are
 * plain links: an article's body reaches the browser only in the page's HTML, not in the
 * flight data a client-side navigation would fetch (see ArticleBodyHtml).
 */
export async function ArticleList({ locale, articles, headingLevel = 2 }: { locale: Locale; articles: ArticleSummary[]; headingLevel?: 2 | 3 }) {
  const t = await getTranslations({ locale, namespace: 'ArticleMeta' });
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <ul className="article-list">
      {articles.map((a) => (
        <li key={a.slug}>
          <article>
            <Heading lang={a.lang}>
              <a href={localizedPath(locale, `/articles/${a.slug}`)}>{a.title}</a> <StatusBadge locale={locale} status={a.status} />
            </Heading>
            <p className="article-meta">
              <PublishedTime locale={locale} iso={a.publishedAt} />
              <span>{t.rich('byline', { name: () => <span lang={a.author.lang}>{a.author.name}</span> })}</span>
            </p>
            <p className="summary" lang={a.lang}>
              {a.summary}
            </p>
            <KeywordLinks keywords={a.keywords} lang={a.lang} />
          </article>
        </li>
      ))}
    </ul>
  );
}
