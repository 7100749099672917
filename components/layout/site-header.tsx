import { getTranslations } from 'next-intl/server';
import { getBanner } from '@/lib/content/site';
import { Link } from '@/lib/i18n/navigation';
import { localizedPath, type Locale } from '@/lib/i18n/routing';
import { AccountStatus } from './account-status';
import { PromoBanner } from './promo-banner';

/**
 * One bar (the site name, 羽毛精选, 登录 or the account menu) and the slim promo
 * line. The language switch and 社区公约 live in the footer, so the first screen
 * is the article rather than the chrome.
 */
export async function SiteHeader({ locale }: { locale: Locale }) {
  const t = await getTranslations({ locale, namespace: 'Layout' });
  const meta = await getTranslations({ locale, namespace: 'Meta' });
  const account = await getTranslations({ locale, namespace: 'Account' });
  const feathers = await getTranslations({ locale, namespace: 'Feathers' });
  const mall = await getTranslations({ locale, namespace: 'Mall' });
  const notifications = await getTranslations({ locale, namespace: 'Notifications' });
  const banner = getBanner(locale);
  return (
    <header className="site-header">
      <div className="container header-bar">
        <Link href="/" className="site-name">
          {meta('siteName')}
        </Link>
        <nav aria-label={t('primaryNav')} className="header-nav">
          {/* No prefetch: /mall is rendered per reader, so prefetching it from every
              article view would send two uncacheable requests to the app each time. */}
          <Link href="/mall" prefetch={false}>
            {mall('title')}
          </Link>
        </nav>
        <AccountStatus
          locale={locale}
          prefix={localizedPath(locale, '/') === '/' ? '' : localizedPath(locale, '/')}
          labels={{
            signIn: account('signIn'),
            signOut: account('signOut'),
            // The name is filled in on the client; the template keeps its placeholder.
            signedInAs: account.raw('signedInAs') as string,
            me: account('me'),
            unavailable: account('unavailable'),
            balance: feathers.raw('balance') as string,
            notifications: notifications.raw('header') as string,
          }}
        />
      </div>
      <PromoBanner text={banner.text} lang={banner.lang} dismissLabel={t('dismissBanner')} />
    </header>
  );
}
