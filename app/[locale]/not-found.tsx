import { getLocale } from 'next-intl/server';
import { NotFoundView } from '@/components/layout/not-found-view';
import { hasLocale } from 'next-intl';
import { prefixedLocales } from '@/lib/i18n/routing';

/**
 * What a page's own notFound() shows under /zh-TW and /en: the site's 404 in the
 * locale the layout set for this request (Next passes a not-found file no params).
 */
export default async function NotFound() {
  const locale = await getLocale();
  return <NotFoundView locale={hasLocale(prefixedLocales, locale) ? locale : 'en'} />;
}
