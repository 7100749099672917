import { hasLocale } from 'next-intl';
import { notFoundResponse } from '@/lib/not-found-response';
import { prefixedLocales } from '@/lib/i18n/routing';

// Unknown paths below /zh-TW and /en (and deeper unknown paths anywhere) land here.
export async function GET(_request: Request, { params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  return notFoundResponse(hasLocale(prefixedLocales, locale) ? locale : undefined);
}
