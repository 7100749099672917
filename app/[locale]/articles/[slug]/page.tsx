import { ArticlePage, articleMetadata } from '@/components/routes/article-page';
import { listArticleSlugs } from '@/lib/content/site';
import { prefixedLocales } from '@/lib/i18n/routing';
import { prefixedLocale } from '@/lib/i18n/locale-param';

type Props = { params: Promise<{ locale: string; slug: string }> };

export const dynamicParams = false;
export const generateStaticParams = () => prefixedLocales.flatMap((locale) => listArticleSlugs().map((slug) => ({ locale, slug })));
export const generateMetadata = async ({ params }: Props) => {
  const { locale, slug } = await params;
  return articleMetadata(prefixedLocale(locale), slug);
};

export default async function Page({ params }: Props) {
  const { locale, slug } = await params;
  return <ArticlePage locale={prefixedLocale(locale)} slug={slug} />;
}
