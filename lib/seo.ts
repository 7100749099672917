import { env } from './env';
import { localizedPath, routing, type Locale } from './i18n/routing';

/** The absolute URL of a path on this site (SITE_URL is the one setting for the origin). */
export function absoluteUrl(path: string): string {
  return `${env.SITE_URL}${path === '/' ? '' : path}` || env.SITE_URL;
}

/** hreflang code of each locale. */
export const HREFLANG: Record<Locale, string> = { 'zh-CN': 'zh-CN', 'zh-TW': 'zh-TW', en: 'en' };

/** Canonical, hreflang and feed alternates of a page (path without locale prefix). */
export function alternatesFor(locale: Locale, path: string): { canonical: string; languages: Record<string, string>; types: Record<string, string> } {
  const languages: Record<string, string> = {};
  for (const l of routing.locales) languages[HREFLANG[l]] = absoluteUrl(localizedPath(l, path));
  languages['x-default'] = absoluteUrl(localizedPath(routing.defaultLocale, path));
  // Next replaces a layout's `alternates` with a page's whole, so the feed link rides along here.
  const types = { 'application/rss+xml': absoluteUrl(localizedPath(locale, '/feed.xml')) };
  return { canonical: absoluteUrl(localizedPath(locale, path)), languages, types };
}

/** Open Graph locale codes use underscores. */
export const OG_LOCALE: Record<Locale, string> = { 'zh-CN': 'zh_CN', 'zh-TW': 'zh_TW', en: 'en_US' };

/** Title, alternates and Open Graph of a plain page that is one document (rules, privacy, terms). */
export function documentPageMetadata(locale: Locale, path: string, title: string) {
  const alternates = alternatesFor(locale, path);
  return { title, alternates, openGraph: { type: 'website' as const, title, locale: OG_LOCALE[locale], url: alternates.canonical } };
}

/** Serialises JSON-LD so that no string can close the script element it sits in. */
export function jsonLdScript(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
