import { notFound } from 'next/navigation';
import { hasLocale } from 'next-intl';
import { prefixedLocales, type Locale } from './routing';

/**
 * The `[locale]` segment of app/[locale] as a Locale, or the 404 page. dynamicParams =
 * false refuses unknown segments on prerendered GETs only: a per-request page, a POST
 * (Next treats it as a server action) and generateMetadata still run with whatever the
 * URL said, and ICU throws a RangeError for a segment that is no language tag.
 */
export function prefixedLocale(segment: string): Locale {
  if (!hasLocale(prefixedLocales, segment)) notFound();
  return segment;
}

/** `prefixedLocale` of an awaited route's params. */
export async function localeParam(params: Promise<{ locale: string }>): Promise<Locale> {
  return prefixedLocale((await params).locale);
}
