import { getLocale } from 'next-intl/server';
import { NotFoundView } from '@/components/layout/not-found-view';
import type { Locale } from '@/lib/i18n/routing';

/** 404 for a notFound() inside a locale (unknown paths are served by app/global-not-found.tsx). */
export default async function NotFound() {
  return <NotFoundView locale={(await getLocale()) as Locale} />;
}
