import { AuthorPage, authorMetadata } from '@/components/routes/author-page';
import { listAuthorIds } from '@/lib/content/site';
import { routing } from '@/lib/i18n/routing';

type Props = { params: Promise<{ id: string }> };

export const dynamicParams = false;
export const generateStaticParams = () => listAuthorIds().map((id) => ({ id }));
export const generateMetadata = async ({ params }: Props) => authorMetadata(routing.defaultLocale, (await params).id);

export default async function Page({ params }: Props) {
  return <AuthorPage locale={routing.defaultLocale} id={(await params).id} />;
}
