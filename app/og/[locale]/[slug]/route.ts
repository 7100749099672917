import { notFound } from 'next/navigation';
import { articleOgImage } from '@/components/share/share-image-text';
import { listArticleSlugs } from '@/lib/content/site';
import { routing, type Locale } from '@/lib/i18n/routing';

// One Open Graph card (1200×630 PNG) per article and locale, drawn at build time.
export const dynamic = 'force-static';
export const dynamicParams = false;
export const generateStaticParams = () => routing.locales.flatMap((locale) => listArticleSlugs().map((slug) => ({ locale, slug })));

/** The Open Graph image of an article in a locale. */
export async function GET(_request: Request, { params }: { params: Promise<{ locale: string; slug: string }> }) {
  const { locale, slug } = (await params) as { locale: Locale; slug: string };
  const image = await articleOgImage(locale, slug);
  if (!image) notFound();
  return image;
}
