import { TagPage, listTagKeys, tagMetadata } from '@/components/routes/tag-page';
import { prefixedLocales, type Locale } from '@/lib/i18n/routing';

type Props = { params: Promise<{ locale: string; tag: string }> };

export const dynamicParams = false;
export const generateStaticParams = () => prefixedLocales.flatMap((locale) => listTagKeys().map((tag) => ({ locale, tag })));
export const generateMetadata = async ({ params }: Props) => {
  const { locale, tag } = await params;
  return tagMetadata(locale as Locale, tag);
};

export default async function Page({ params }: Props) {
  const { locale, tag } = await params;
  return <TagPage locale={locale as Locale} tag={tag} />;
}
