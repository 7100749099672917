import { prefixedLocales } from '@/lib/i18n/routing';
import { feedResponse } from '@/lib/site-index';
import { localeParam } from '@/lib/i18n/locale-param';

export const dynamic = 'force-static';
export const dynamicParams = false;
export const generateStaticParams = () => prefixedLocales.map((locale) => ({ locale }));

/** RSS feed of the locale's articles (/zh-TW/feed.xml, /en/feed.xml). */
export async function GET(_request: Request, { params }: { params: Promise<{ locale: string }> }) {
  return feedResponse(await localeParam(params));
}
