import { hasLocale } from 'next-intl';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { headers } from 'next/headers';
import { NotFoundView } from '@/components/layout/not-found-view';
import { SiteFooter } from '@/components/layout/site-footer';
import { SiteHeader } from '@/components/layout/site-header';
import { LOCALE_HEADER } from '@/lib/i18n/locale-header';
import { routing } from '@/lib/i18n/routing';
import './globals.css';

/**
 * The 404 page for every unknown path, server-rendered in the path's locale.
 * Next 16 renders a page's own notFound() only in the browser (vercel/next.js#62228),
 * so unknown paths and slugs are left unmatched and land here instead. The locale
 * comes from proxy.ts for prefixed paths; unprefixed paths are zh-CN.
 */
export default async function GlobalNotFound() {
  const requested = (await headers()).get(LOCALE_HEADER);
  const locale = hasLocale(routing.locales, requested) ? requested : routing.defaultLocale;
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: 'Layout' });
  const nf = await getTranslations({ locale, namespace: 'NotFound' });
  return (
    <html lang={locale}>
      <head>
        <title>{nf('title')}</title>
      </head>
      <body>
        <a className="skip-link" href="#main">
          {t('skipToContent')}
        </a>
        <SiteHeader locale={locale} />
        <main id="main" tabIndex={-1}>
          <div className="container">
            <NotFoundView locale={locale} />
          </div>
        </main>
        <SiteFooter locale={locale} />
      </body>
    </html>
  );
}
