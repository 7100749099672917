import { routing, type Locale } from '@/lib/i18n/routing';
import { buildFeed } from '@/lib/site-index';

export const dynamic = 'force-static';

export function generateStaticParams() {
  return routing.locales.map((locale) => ({ locale }));
}

/** RSS feed of the locale's articles (/feed.xml for zh-CN, /zh-TW/feed.xml, /en/feed.xml). */
export async function GET(_req: Request, { params }: { params: Promise<{ locale: string }> }) {
  const locale = (await params).locale as Locale;
  return new Response(await buildFeed(locale), { headers: { 'content-type': 'application/rss+xml; charset=utf-8' } });
}
