import { getTranslations } from 'next-intl/server';
import { localizedPath, type Locale } from '@/lib/i18n/routing';

/** Copyright note, the feed link and the privacy policy and user agreement. */
export async function SiteFooter({ locale }: { locale: Locale }) {
  const t = await getTranslations({ locale, namespace: 'Layout' });
  return (
    <footer className="site-footer">
      <div className="container">
        <p>{t('footerNote')}</p>
        <p>
          <a href={localizedPath(locale, '/feed.xml')}>{t('feed')}</a> · <a href={localizedPath(locale, '/privacy')}>{t('privacy')}</a> ·{' '}
          <a href={localizedPath(locale, '/terms')}>{t('terms')}</a>
        </p>
      </div>
    </footer>
  );
}
