import { AuthorPage, authorMetadata } from '@/components/routes/author-page';
import { listAuthorIds } from '@/lib/content/site';
import { prefixedLocales, type Locale } from '@/lib/i18n/routing';

type Props = { params: Promise<{ locale: string; id: string }> };

export const dynamicParams = false;
export const generateStaticParams = () => prefixedLocales.flatMap((locale) => listAuthorIds().map((id) => ({ locale, id })));
export const generateMetadata = async ({ params }: Props) => {
  const { locale, id } = await params;
  return authorMetadata(locale as Locale, id);
};

export default async function Page({ params }: Props) {
  const { locale, id } = await params;
  return <AuthorPage locale={locale as Locale} id={id} />;
}
