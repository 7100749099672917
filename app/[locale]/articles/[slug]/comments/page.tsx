import { CommentsPage, commentsMetadata, type CommentsSearchParams } from '@/components/routes/comments-page';
import { listArticleSlugs } from '@/lib/content/site';
import { prefixedLocales } from '@/lib/i18n/routing';
import { prefixedLocale } from '@/lib/i18n/locale-param';

type Props = { params: Promise<{ locale: string; slug: string }>; searchParams: Promise<CommentsSearchParams> };

export const dynamicParams = false;
export const generateStaticParams = () => prefixedLocales.flatMap((locale) => listArticleSlugs().map((slug) => ({ locale, slug })));
export const generateMetadata = async ({ params }: Props) => {
  const { locale, slug } = await params;
  return commentsMetadata(prefixedLocale(locale), slug);
};

export default async function Page({ params, searchParams }: Props) {
  const { locale, slug } = await params;
  return <CommentsPage locale={prefixedLocale(locale)} slug={slug} searchParams={await searchParams} />;
}
