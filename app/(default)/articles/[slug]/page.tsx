import { ArticlePage, articleMetadata } from '@/components/routes/article-page';
import { listArticleSlugs } from '@/lib/content/site';
import { routing } from '@/lib/i18n/routing';

type Props = { params: Promise<{ slug: string }> };

// Every article is prerendered; any other slug is unmatched and gets the 404 page.
export const dynamicParams = false;
export const generateStaticParams = () => listArticleSlugs().map((slug) => ({ slug }));
export const generateMetadata = async ({ params }: Props) => articleMetadata(routing.defaultLocale, (await params).slug);

export default async function Page({ params }: Props) {
  return <ArticlePage locale={routing.defaultLocale} slug={(await params).slug} />;
}
