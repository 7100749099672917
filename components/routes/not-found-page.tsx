import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { NotFoundView } from '@/components/layout/not-found-view';
import type { Locale } from '@/lib/i18n/routing';

/** The 404 page is never indexed. */
export async function notFoundMetadata(locale: Locale): Promise<Metadata> {
  const t = await getTranslations({ locale, namespace: 'NotFound' });
  return { title: t('title'), robots: { index: false } };
}

/** The prerendered 404 page of a locale, served with status 404 by the catch-all route. */
export function NotFoundPage({ locale }: { locale: Locale }) {
  setRequestLocale(locale);
  return <NotFoundView locale={locale} />;
}
