import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { ArticleList } from '@/components/article/article-list';
import { listArticles } from '@/lib/content/site';
import type { Locale } from '@/lib/i18n/routing';
import { alternatesFor, OG_LOCALE } from '@/lib/seo';

/** Metadata of the home page. */
export async function homeMetadata(locale: Locale): Promise<Metadata> {
  const t = await getTranslations({ locale, namespace: 'Meta' });
  const alternates = alternatesFor(locale, '/');
  return {
    title: { absolute: t('siteName') },
    description: t('siteDescription'),
    alternates,
    openGraph: {
      type: 'website',
      siteName: t('siteName'),
      title: t('siteName'),
      description: t('siteDescription'),
      url: alternates.canonical,
      locale: OG_LOCALE[locale],
    },
  };
}

/** The home page: every article, newest first. */
export async function HomePage({ locale }: { locale: Locale }) {
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: 'Home' });
  const articles = listArticles(locale);
  return (
    <>
      <h1>{t('heading')}</h1>
      {articles.length === 0 ? <p>{t('empty')}</p> : <ArticleList locale={locale} articles={articles} />}
    </>
  );
}
