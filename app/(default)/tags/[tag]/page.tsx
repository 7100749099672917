import { TagPage, listTagKeys, tagMetadata } from '@/components/routes/tag-page';
import { routing } from '@/lib/i18n/routing';

type Props = { params: Promise<{ tag: string }> };

export const dynamicParams = false;
export const generateStaticParams = () => listTagKeys().map((tag) => ({ tag }));
export const generateMetadata = async ({ params }: Props) => tagMetadata(routing.defaultLocale, (await params).tag);

export default async function Page({ params }: Props) {
  return <TagPage locale={routing.defaultLocale} tag={(await params).tag} />;
}
