import { listArticleSlugs } from '@/lib/content/site';
import { routing, type Locale } from '@/lib/i18n/routing';
import { qrPng } from '@/lib/qr';
import { alternatesFor } from '@/lib/seo';

// One QR code per article and locale, a PNG made at build time (WeChat's long-press
// 识别二维码 is unreliable on SVG). It is an image of its own (not inline) so the
// article page does not carry it twice (HTML + RSC) and readers who never open 分享
// never download it; a signed-in reader's own code comes from /api/share/qr.
export const dynamic = 'force-static';
export const dynamicParams = false;
export const generateStaticParams = () => routing.locales.flatMap((locale) => listArticleSlugs().map((slug) => ({ locale, slug })));

/** The QR code of an article's canonical URL in a locale. */
export async function GET(_request: Request, { params }: { params: Promise<{ locale: string; slug: string }> }) {
  const { locale, slug } = (await params) as { locale: Locale; slug: string };
  const url = alternatesFor(locale, `/articles/${slug}`).canonical;
  return new Response(new Uint8Array(await qrPng(url)), { headers: { 'content-type': 'image/png' } });
}
