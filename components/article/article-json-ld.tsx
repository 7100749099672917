import { getTranslations } from 'next-intl/server';
import type { ArticleView } from '@/lib/content/site';
import { localizedPath, type Locale } from '@/lib/i18n/routing';
import { absoluteUrl, jsonLdScript } from '@/lib/seo';
import { ServerHtml } from '@/components/server-html/server-html';
import { shareServerHtml } from '@/components/server-html/server-html-store';

/**
 * Structured data for search engines: the Article and its BreadcrumbList. It reaches
 * the browser only as HTML (see ServerHtml); `htmlKey` names this article's data in
 * this locale.
 */
export async function ArticleJsonLd({
  locale,
  article,
  homeName,
  image,
  htmlKey,
}: {
  locale: Locale;
  article: ArticleView;
  homeName: string;
  image: { url: string; width: number; height: number };
  htmlKey: string;
}) {
  const t = await getTranslations({ locale, namespace: 'Meta' });
  const url = absoluteUrl(localizedPath(locale, `/articles/${article.slug}`));
  const data = [
    {
      '@context': 'https://schema.org',
      '@type': 'Article',
      headline: article.title,
      description: article.summary,
      datePublished: article.publishedAt,
      dateModified: article.updatedAt ?? article.publishedAt,
      inLanguage: article.lang,
      keywords: article.keywords.map((k) => k.label).join(','),
      mainEntityOfPage: url,
      image: { '@type': 'ImageObject', url: image.url, width: image.width, height: image.height },
      url,
      author: {
        '@type': 'Person',
        name: article.author.name,
        url: absoluteUrl(localizedPath(locale, `/authors/${article.author.id}`)),
      },
      publisher: { '@type': 'Organization', name: t('siteName'), url: absoluteUrl(localizedPath(locale, '/')) },
      // A paid article says which part is behind the paywall (Google's paywalled-content markup).
      ...(article.price !== undefined
        ? { isAccessibleForFree: false, hasPart: { '@type': 'WebPageElement', isAccessibleForFree: false, cssSelector: '.paid-part' } }
        : {}),
    },
    {
      '@context': 'https://schema.org',
      '@type': 'BreadcrumbList',
      itemListElement: [
        { '@type': 'ListItem', position: 1, name: homeName, item: absoluteUrl(localizedPath(locale, '/')) },
        { '@type': 'ListItem', position: 2, name: article.title, item: url },
      ],
    },
  ];
  // jsonLdScript escapes "<", so content can never close the script element.
  shareServerHtml(htmlKey, jsonLdScript(data));
  return <ServerHtml as="script" htmlKey={htmlKey} type="application/ld+json" />;
}
