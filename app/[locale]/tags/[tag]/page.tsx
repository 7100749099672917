import { TagPage, listTagKeys, tagMetadata } from '@/components/routes/tag-page';
import { prefixedLocales } from '@/lib/i18n/routing';
import { prefixedLocale } from '@/lib/i18n/locale-param';

type Props = { params: Promise<{ locale: string; tag: string }> };

export const dynamicParams = false;
export const generateStaticParams = () => prefixedLocales.flatMap((locale) => listTagKeys().map((tag) => ({ locale, tag })));
export const generateMetadata = async ({ params }: Props) => {
  const { locale, tag } = await params;
  return tagMetadata(prefixedLocale(locale), tag);
};

export default async function Page({ params }: Props) {
  const { locale, tag } = await params;
  return <TagPage locale={prefixedLocale(locale)} tag={tag} />;
}
