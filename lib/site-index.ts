import 'server-only';
import type { MetadataRoute } from 'next';
import { getTranslations } from 'next-intl/server';
import { buildRss } from './content/feed';
import { listArticles, listAuthorIds, listTags } from './content/site';
import { localizedPath, routing, type Locale } from './i18n/routing';
import { absoluteUrl, alternatesFor } from './seo';

/** The latest publication or update among articles (what the home page and the feed last changed at). */
function latestChange(articles: Array<{ publishedAt: string; updatedAt?: string }>): string | undefined {
  let latest: string | undefined;
  for (const a of articles) {
    const t = a.updatedAt ?? a.publishedAt;
    if (latest === undefined || Date.parse(t) > Date.parse(latest)) latest = t;
  }
  return latest;
}

/** Every public path of the site, without locale prefix (what the sitemap lists). */
export function listPublicPaths(): Array<{ path: string; lastModified?: string }> {
  const articles = listArticles(routing.defaultLocale);
  const home = latestChange(articles);
  return [
    { path: '/', ...(home ? { lastModified: home } : {}) },
    { path: '/rules' },
    { path: '/privacy' },
    { path: '/terms' },
    ...articles.map((a) => ({ path: `/articles/${a.slug}`, lastModified: a.updatedAt ?? a.publishedAt })),
    ...listTags(routing.defaultLocale).map((t) => ({ path: `/tags/${encodeURIComponent(t.key)}` })),
    ...listAuthorIds().map((id) => ({ path: `/authors/${id}` })),
  ];
}

/** The sitemap: every page in every locale, each with its hreflang alternates. */
export function buildSitemap(): MetadataRoute.Sitemap {
  return listPublicPaths().flatMap(({ path, lastModified }) =>
    routing.locales.map((locale) => {
      const alternates = alternatesFor(locale, path);
      return { url: alternates.canonical, lastModified, alternates: { languages: alternates.languages } };
    }),
  );
}

/** The RSS feed of a locale's articles. */
export async function buildFeed(locale: Locale): Promise<string> {
  const t = await getTranslations({ locale, namespace: 'Feed' });
  return buildRss({
    title: t('title'),
    description: t('description'),
    siteUrl: absoluteUrl(localizedPath(locale, '/')),
    feedUrl: absoluteUrl(localizedPath(locale, '/feed.xml')),
    language: locale,
    items: listArticles(locale).map((a) => ({
      title: a.title,
      url: absoluteUrl(localizedPath(locale, `/articles/${a.slug}`)),
      summary: a.summary,
      publishedAt: a.publishedAt,
      ...(a.updatedAt ? { updatedAt: a.updatedAt } : {}),
      author: a.author.name,
      categories: a.keywords.map((k) => k.label),
    })),
  });
}

/** The RSS feed of a locale as an HTTP response. */
export async function feedResponse(locale: Locale): Promise<Response> {
  return new Response(await buildFeed(locale), { headers: { 'content-type': 'application/rss+xml; charset=utf-8' } });
}
