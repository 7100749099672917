import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { ArticleList } from '@/components/article/article-list';
import { getAuthor } from '@/lib/content/site';
import type { Locale } from '@/lib/i18n/routing';
import { alternatesFor, OG_LOCALE } from '@/lib/seo';

/** Metadata of an author's page. */
export async function authorMetadata(locale: Locale, id: string): Promise<Metadata> {
  const found = getAuthor(locale, id);
  if (!found) return {};
  const t = await getTranslations({ locale, namespace: 'Author' });
  const alternates = alternatesFor(locale, `/authors/${id}`);
  return { title: t('title', { name: found.author.name }), alternates, openGraph: { type: 'profile', url: alternates.canonical, locale: OG_LOCALE[locale] } };
}

/** An author's page: name, how many articles they have published, and theirs on this site. */
export async function AuthorPage({ locale, id }: { locale: Locale; id: string }) {
  setRequestLocale(locale);
  const found = getAuthor(locale, id);
  if (!found) notFound();
  const t = await getTranslations({ locale, namespace: 'Author' });
  return (
    <>
      <h1>{t('title', { name: found.author.name })}</h1>
      <p>{t('articleCount', { count: found.author.articleCount })}</p>
      <h2>{t('onThisSite')}</h2>
      <ArticleList locale={locale} articles={found.articles} headingLevel={3} />
    </>
  );
}
