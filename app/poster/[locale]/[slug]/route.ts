import { notFound } from 'next/navigation';
import { articlePoster } from '@/components/share/share-image-text';
import { listArticleSlugs } from '@/lib/content/site';
import { routing, type Locale } from '@/lib/i18n/routing';

// The share poster (分享海报) per article and locale, drawn at build time with a QR code
// of the canonical URL; a signed-in reader's own poster comes from /api/share/poster.
export const dynamic = 'force-static';
export const dynamicParams = false;
export const generateStaticParams = () => routing.locales.flatMap((locale) => listArticleSlugs().map((slug) => ({ locale, slug })));

/** The static share poster of an article in a locale. */
export async function GET(_request: Request, { params }: { params: Promise<{ locale: string; slug: string }> }) {
  const { locale, slug } = (await params) as { locale: Locale; slug: string };
  const poster = await articlePoster(locale, slug);
  if (!poster) notFound();
  return poster;
}
