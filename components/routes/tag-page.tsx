import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { ArticleList } from '@/components/article/article-list';
import { getTag, listTags } from '@/lib/content/site';
import { routing, type Locale } from '@/lib/i18n/routing';
import { alternatesFor, OG_LOCALE } from '@/lib/seo';

/** Every keyword, in the form its URL segment takes. */
export function listTagKeys(): string[] {
  return listTags(routing.defaultLocale).map((t) => t.key);
}

// Next hands over the tag as it appears in the URL: percent-encoded Chinese.
const tagOf = (raw: string) => decodeURIComponent(raw);

/** Metadata of a keyword's page. */
export async function tagMetadata(locale: Locale, tag: string): Promise<Metadata> {
  const found = getTag(locale, tagOf(tag));
  if (!found) return {};
  const t = await getTranslations({ locale, namespace: 'Tag' });
  const alternates = alternatesFor(locale, `/tags/${encodeURIComponent(found.tag.key)}`);
  return { title: t('title', { tag: found.tag.label }), alternates, openGraph: { type: 'website', url: alternates.canonical, locale: OG_LOCALE[locale] } };
}

/** A keyword's page: every article that carries it. */
export async function TagPage({ locale, tag }: { locale: Locale; tag: string }) {
  setRequestLocale(locale);
  const found = getTag(locale, tagOf(tag));
  if (!found) notFound();
  const t = await getTranslations({ locale, namespace: 'Tag' });
  return (
    <>
      <h1>{t.rich('title', { tag: found.tag.label })}</h1>
      <p>{t('count', { count: found.articles.length })}</p>
      <ArticleList locale={locale} articles={found.articles} />
    </>
  );
}
