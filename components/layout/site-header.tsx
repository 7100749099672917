import { getTranslations } from 'next-intl/server';
import { getBanner } from '@/lib/content/site';
import { Link } from '@/lib/i18n/navigation';
import { localizedPath, type Locale } from '@/lib/i18n/routing';
import { AccountStatus } from './account-status';
import { LocaleSwitcher } from './locale-switcher';

/** The banner, the site name, the main navigation and the language switch. */
export async function SiteHeader({ locale }: { locale: Locale }) {
  const t = await getTranslations({ locale, namespace: 'Layout' });
  const meta = await getTranslations({ locale, namespace: 'Meta' });
  const names = await getTranslations({ locale, namespace: 'LocaleSwitcher' });
  const account = await getTranslations({ locale, namespace: 'Account' });
  const feathers = await getTranslations({ locale, namespace: 'Feathers' });
  const mall = await getTranslations({ locale, namespace: 'Mall' });
  const notifications = await getTranslations({ locale, namespace: 'Notifications' });
  const banner = getBanner(locale);
  return (
    <header className="site-header">
      <p className="banner" lang={banner.lang}>
        {banner.text}
      </p>
      <div className="container">
        <Link href="/" className="site-name">
          {meta('siteName')}
        </Link>
        <div className="header-tools">
          <nav aria-label={t('primaryNav')}>
            <ul className="nav-list">
              <li>
                <Link href="/">{t('home')}</Link>
              </li>
              <li>
                <Link href="/mall">{mall('title')}</Link>
              </li>
              <li>
                <Link href="/rules">{t('rules')}</Link>
              </li>
            </ul>
          </nav>
          <AccountStatus
            locale={locale}
            prefix={localizedPath(locale, '/') === '/' ? '' : localizedPath(locale, '/')}
            labels={{
              signIn: account('signIn'),
              signUp: account('signUp'),
              signOut: account('signOut'),
              // The name is filled in on the client; the template keeps its placeholder.
              signedInAs: account.raw('signedInAs') as string,
              unavailable: account('unavailable'),
              balance: feathers.raw('balance') as string,
              notifications: notifications.raw('header') as string,
            }}
          />
          <LocaleSwitcher current={locale} label={names('label')} names={{ 'zh-CN': names('zh-CN'), 'zh-TW': names('zh-TW'), en: names('en') }} />
        </div>
      </div>
    </header>
  );
}
