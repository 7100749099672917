import type { Metadata, Viewport } from 'next';
import { ConsentPrompt } from '@/components/account/consent-prompt';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import type { ReactNode } from 'react';
import { ErrorLabelsProvider } from '@/components/layout/error-view';
import { SiteFooter } from '@/components/layout/site-footer';
import { SiteHeader } from '@/components/layout/site-header';
import { isPreviewBuild } from '@/lib/content/visibility';
import { env } from '@/lib/env';
import { localizedPath, type Locale } from '@/lib/i18n/routing';
import { absoluteUrl } from '@/lib/seo';
import '@/app/globals.css';

/** Site-wide metadata of a locale. */
export async function rootMetadata(locale: Locale): Promise<Metadata> {
  const t = await getTranslations({ locale, namespace: 'Meta' });
  return {
    metadataBase: new URL(env.SITE_URL),
    title: { default: t('siteName'), template: `%s · ${t('siteName')}` },
    description: t('siteDescription'),
    alternates: { types: { 'application/rss+xml': absoluteUrl(localizedPath(locale, '/feed.xml')) } },
    // A preview build (npm run preview) shows drafts: no page of it may be indexed.
    ...(isPreviewBuild() ? { robots: { index: false, follow: false } } : {}),
  };
}

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  // The action bar sits above the home indicator: env(safe-area-inset-bottom) is only set with `cover`.
  viewportFit: 'cover',
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#ffffff' },
    { media: '(prefers-color-scheme: dark)', color: '#0d1117' },
  ],
};

/** The document of every page: <html lang>, skip link, header, main, footer and the modal slot. */
export async function RootLayout({ locale, children, modal }: { locale: Locale; children: ReactNode; modal: ReactNode }) {
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: 'Layout' });
  const e = await getTranslations({ locale, namespace: 'Error' });
  const nf = await getTranslations({ locale, namespace: 'NotFound' });
  const consent = await getTranslations({ locale, namespace: 'Consent' });
  const errorLabels = { title: e('title'), body: e('body'), retry: e('retry'), home: nf('home'), homeHref: localizedPath(locale, '/') };
  return (
    <html lang={locale}>
      <body>
        <a className="skip-link" href="#main">
          {t('skipToContent')}
        </a>
        {/* No i18n provider on the client: client leaves get their strings as props. */}
        <SiteHeader locale={locale} />
        <main id="main" tabIndex={-1}>
          <div className="container">
            {/* The strings of this tree's error.tsx, which gets no props of ours. */}
            <ErrorLabelsProvider labels={errorLabels}>{children}</ErrorLabelsProvider>
          </div>
        </main>
        <SiteFooter locale={locale} />
        <ConsentPrompt
          locale={locale}
          prefix={localizedPath(locale, '/') === '/' ? '' : localizedPath(locale, '/')}
          labels={{
            title: consent('promptTitle'),
            text: consent('promptText'),
            accept: consent('accept'),
            later: consent('later'),
            terms: consent('terms'),
            privacy: consent('privacy'),
            failed: e('title'),
          }}
        />
        {modal}
      </body>
    </html>
  );
}
