import { getTranslations, setRequestLocale } from 'next-intl/server';
import { NotFoundView } from '@/components/layout/not-found-view';
import { SiteFooter } from '@/components/layout/site-footer';
import { SiteHeader } from '@/components/layout/site-header';
import { routing } from '@/lib/i18n/routing';
import './globals.css';

/**
 * The 404 page for URLs that match no route (unknown zh-CN paths and slugs), server-
 * rendered. Next 16 renders a page's own notFound() only in the browser
 * (vercel/next.js#62228), so unknown slugs are left unmatched (dynamicParams = false)
 * and land here. Next tells this page nothing about the URL, so it is zh-CN; unknown
 * paths under /zh-TW and /en are caught by app/[locale]/[...rest]/route.ts instead.
 */
export default async function GlobalNotFound() {
  const locale = routing.defaultLocale;
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
