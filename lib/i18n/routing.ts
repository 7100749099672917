import { defineRouting } from 'next-intl/routing';

/** The one source of truth for locales: zh-CN is the default and has no URL prefix. */
export const routing = defineRouting({
  locales: ['zh-CN', 'zh-TW', 'en'],
  defaultLocale: 'zh-CN',
  localePrefix: 'as-needed',
  // No middleware negotiates the locale: the URL alone decides it (see app/(default)).
  localeDetection: false,
  localeCookie: false,
});

export type Locale = (typeof routing.locales)[number];

/** The locales served under a URL prefix (/zh-TW/…, /en/…): all but the default. */
export const prefixedLocales: Locale[] = routing.locales.filter((l) => l !== routing.defaultLocale);

/** The path of `pathname` (without prefix) in `locale`: '/articles/x' → '/zh-TW/articles/x'. */
export function localizedPath(locale: Locale, pathname: string): string {
  const path = pathname === '' ? '/' : pathname;
  if (locale === routing.defaultLocale) return path;
  return path === '/' ? `/${locale}` : `/${locale}${path}`;
}

/** Strips a locale prefix: '/zh-TW/articles/x' → '/articles/x'. */
export function unlocalizedPath(pathname: string): string {
  for (const l of routing.locales) {
    if (pathname === `/${l}`) return '/';
    if (pathname.startsWith(`/${l}/`)) return pathname.slice(l.length + 1);
  }
  return pathname || '/';
}
