import { CommentsPage, commentsMetadata, type CommentsSearchParams } from '@/components/routes/comments-page';
import { listArticleSlugs } from '@/lib/content/site';
import { routing } from '@/lib/i18n/routing';

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<CommentsSearchParams> };

// Rendered per request (comments change); an unknown slug is a 404 (CommentsPage).
export const dynamicParams = false;
export const generateStaticParams = () => listArticleSlugs().map((slug) => ({ slug }));
export const generateMetadata = async ({ params }: Props) => commentsMetadata(routing.defaultLocale, (await params).slug);

export default async function Page({ params, searchParams }: Props) {
  return <CommentsPage locale={routing.defaultLocale} slug={(await params).slug} searchParams={await searchParams} />;
}
