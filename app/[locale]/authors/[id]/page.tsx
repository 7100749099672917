import { AuthorPage, authorMetadata } from '@/components/routes/author-page';
import { listAuthorIds } from '@/lib/content/site';
import { prefixedLocales } from '@/lib/i18n/routing';
import { prefixedLocale } from '@/lib/i18n/locale-param';

type Props = { params: Promise<{ locale: string; id: string }> };

export const dynamicParams = false;
export const generateStaticParams = () => prefixedLocales.flatMap((locale) => listAuthorIds().map((id) => ({ locale, id })));
export const generateMetadata = async ({ params }: Props) => {
  const { locale, id } = await params;
  return authorMetadata(prefixedLocale(locale), id);
};

export default async function Page({ params }: Props) {
  const { locale, id } = await params;
  return <AuthorPage locale={prefixedLocale(locale)} id={id} />;
}
