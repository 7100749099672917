import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { ArticleJsonLd } from '@/components/article/article-json-ld';
import { ArticleMeta } from '@/components/article/article-meta';
import { StatusBadge } from '@/components/article/status-badge';
import { AuthorCard } from '@/components/article/author-card';
import { KeywordLinks } from '@/components/article/keyword-links';
import { ArticleBody } from '@/components/article/article-body';
import { ArticleComments } from '@/components/comments/article-comments';
import { ArticleQuiz, GiftAside, PaidPartSlot } from '@/components/feathers/article-feathers';
import { ArticleActionBar, ArticleActions } from '@/components/reader/article-actions';
import { PageSignInSheet } from '@/components/reader/page-sign-in-sheet';
import { SharePanel } from '@/components/share/share-panel';
import { getArticle, getArticleStats, type ArticleView } from '@/lib/content/site';
import { Link } from '@/lib/i18n/navigation';
import type { Locale } from '@/lib/i18n/routing';
import { absoluteUrl, alternatesFor, OG_LOCALE } from '@/lib/seo';
import { OG_SIZE } from '@/components/share/share-image-sizes';
import { TableOfContents } from '@/components/article/table-of-contents';

/** The absolute URL of an article's Open Graph image in a locale. */
export const ogImageUrl = (locale: Locale, slug: string) => absoluteUrl(`/og/${locale}/${slug}`);

/** What an article is shared with: the editor's cover when there is one, else the card drawn at build time (app/og). */
function shareImage(locale: Locale, article: ArticleView): { url: string; width: number; height: number; type: string } {
  if (article.cover) return { url: absoluteUrl(article.cover.url), width: article.cover.width, height: article.cover.height, type: article.cover.type };
  return { url: ogImageUrl(locale, article.slug), ...OG_SIZE, type: 'image/png' };
}

/** Title, description, alternates and Open Graph of an article page. */
export async function articleMetadata(locale: Locale, slug: string): Promise<Metadata> {
  const article = getArticle(locale, slug);
  if (!article) return {};
  const alternates = alternatesFor(locale, `/articles/${slug}`);
  const meta = await getTranslations({ locale, namespace: 'Meta' });
  const image = {
    ...shareImage(locale, article),
    alt: meta('ogImageAlt', { title: article.title, author: article.author.name, siteName: meta('siteName') }),
  };
  return {
    title: article.title,
    description: article.summary,
    keywords: article.keywords.map((k) => k.label),
    authors: [{ name: article.author.name }],
    alternates,
    openGraph: {
      type: 'article',
      title: article.title,
      description: article.summary,
      url: alternates.canonical,
      locale: OG_LOCALE[locale],
      publishedTime: article.publishedAt,
      ...(article.updatedAt ? { modifiedTime: article.updatedAt } : {}),
      authors: [article.author.name],
      tags: article.keywords.map((k) => k.label),
      images: [image],
    },
    twitter: { card: 'summary_large_image', title: article.title, description: article.summary, images: [image] },
  };
}

/** The article page: the same bytes for every reader of a locale, so any cache can serve it. */
export async function ArticlePage({ locale, slug }: { locale: Locale; slug: string }) {
  setRequestLocale(locale);
  const article = getArticle(locale, slug);
  const stats = getArticleStats(slug);
  if (!article || !stats) notFound();
  const t = await getTranslations({ locale, namespace: 'Article' });
  const layout = await getTranslations({ locale, namespace: 'Layout' });
  const meta = await getTranslations({ locale, namespace: 'ArticleMeta' });
  // Names this article's pieces that reach the browser only as HTML (see ServerHtml).
  const key = `${locale}/${slug}`;

  return (
    <>
      <nav className="breadcrumb" aria-label={t('breadcrumb')}>
        <ol>
          <li>
            <Link href="/">{layout('home')}</Link>
          </li>
          <li aria-current="page" lang={article.lang}>
            {article.title}
          </li>
        </ol>
      </nav>
      <article aria-labelledby="article-title">
        <header>
          <h1 id="article-title" lang={article.lang}>
            {article.title}
          </h1>
          <StatusBadge locale={locale} status={article.status} />
          <ArticleMeta locale={locale} article={article} characters={stats.hanCharacters} />
        </header>
        <TableOfContents parts={article.parts} label={t('outline')} lang={article.lang} htmlKey={`${key}/toc`} />
        <ArticleBody parts={article.parts} htmlKey={`${key}/body`} lang={article.lang} />
        {article.parts.map((part) =>
          part.kind === 'locked' ? (
            <PaidPartSlot key="locked" locale={locale} slug={slug} price={part.price} title={article.title} lang={article.lang} />
          ) : null,
        )}
        <footer className="article-footer">
          <ArticleActions locale={locale} slug={slug} />
          <ArticleQuiz locale={locale} slug={slug} />
          <SharePanel locale={locale} slug={slug} url={alternatesFor(locale, `/articles/${slug}`).canonical} title={article.title} />
          <div className="keywords">
            <span>{meta('keywords')}</span>
            <KeywordLinks keywords={article.keywords} lang={article.lang} />
          </div>
          <p>
            {t('rulesPrompt')} <Link href="/rules">{t('rulesLink')}</Link>
          </p>
          <AuthorCard locale={locale} author={article.author} />
        </footer>
      </article>
      {/* The gifts come before the comments: a long discussion must not bury them. */}
      <GiftAside locale={locale} slug={slug} />
      <div className="comments-anchor">
        <ArticleComments locale={locale} slug={slug} />
      </div>
      <ArticleActionBar locale={locale} slug={slug} />
      <PageSignInSheet locale={locale} path={`/articles/${slug}`} />
      {/* Last: search engines read it wherever it is, and readers never see it. */}
      <ArticleJsonLd locale={locale} article={article} homeName={layout('home')} image={shareImage(locale, article)} htmlKey={`${key}/ld`} />
    </>
  );
}
