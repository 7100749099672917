import { ArticlePage, articleMetadata } from '@/components/routes/article-page';
import { listArticleSlugs } from '@/lib/content/site';
import { prefixedLocales, type Locale } from '@/lib/i18n/routing';

type Props = { params: Promise<{ locale: string; slug: string }> };

export const dynamicParams = false;
export const generateStaticParams = () => prefixedLocales.flatMap((locale) => listArticleSlugs().map((slug) => ({ locale, slug })));
export const generateMetadata = async ({ params }: Props) => {
  const { locale, slug } = await params;
  return articleMetadata(locale as Locale, slug);
};

export default async function Page({ params }: Props) {
  const { locale, slug } = await params;
  return <ArticlePage locale={locale as Locale} slug={slug} />;
}
